import { render, type RenderResult } from '@testing-library/react';
import { vi } from 'vitest';
import type { Asset, KpiBucket } from './api/operations';
import { App } from './app';
import type { Clock } from './clock';
import { SessionManager, type Session } from './session/session';
import { apiSessionTransport } from './session/session-transport';

interface SentRequest {
  operationName: string;
  query: string;
  variables: Record<string, unknown>;
}

type Handler = (variables: Record<string, unknown>) => unknown;

// The client always sends a JSON string body.
function bodyOf(init: RequestInit | undefined): SentRequest {
  if (typeof init?.body !== 'string') throw new Error('expected a JSON string body');
  return JSON.parse(init.body) as SentRequest;
}

// The API's HTTP answers for unit tests (the browser tests in test/e2e use the real API):
// answers each operation by name with the GraphQL response body the handler returns.
export function mockGraphQl(handlers: Record<string, Handler>) {
  const fetchMock = vi.fn((_input: RequestInfo | URL, init?: RequestInit) => {
    const sent = bodyOf(init);
    const handler = handlers[sent.operationName];
    if (!handler) return Promise.reject(new Error(`no mock for operation ${sent.operationName}`));
    return Promise.resolve(
      new Response(JSON.stringify(handler(sent.variables)), {
        status: 200,
        headers: { 'content-type': 'application/graphql-response+json' },
      }),
    );
  });
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

export function sentRequest(
  fetchMock: ReturnType<typeof mockGraphQl>,
  index = 0,
): SentRequest & { headers: Headers } {
  const init = fetchMock.mock.calls[index]?.[1];
  return { ...bodyOf(init), headers: new Headers(init?.headers) };
}

export function graphQlError(code: string, message: string) {
  return { data: null, errors: [{ message, extensions: { code } }] };
}

export function asset(
  id: string,
  kind: Asset['kind'],
  parentId: string | null,
  extra: Partial<Pick<Asset, 'name' | 'siteId' | 'timeZone'>> = {},
): Asset {
  return {
    id,
    kind,
    parentId,
    name: extra.name ?? id,
    siteId: extra.siteId ?? null,
    timeZone: extra.timeZone ?? null,
  };
}

// The API's answer to a list query for these nodes: the only page of a connection.
export function connectionOf<T>(nodes: readonly T[]) {
  return {
    totalCount: nodes.length,
    edges: nodes.map((node) => ({ node })),
    pageInfo: { hasNextPage: false, endCursor: null },
  };
}

// The API's answer to the Assets query for these assets.
export function assetPage(assets: Asset[]) {
  return connectionOf(assets);
}

export function session(overrides: Partial<Session> = {}): Session {
  return {
    accessToken: 'token-1',
    expiresAt: '2999-01-01T00:00:00.000Z',
    role: 'operator',
    tenantName: 'Acme Metal',
    userName: 'Olga Operator',
    ...overrides,
  };
}

// A KpiBucket as the API sends it. Everything not given is 0 / null: an hour with nothing planned
// and no ideal cycle time.
export type KpiBucketJson = KpiBucket;

export function kpiBucket(start: string, end: string, values: Partial<KpiBucketJson> = {}): KpiBucketJson {
  return {
    bucketStart: start,
    bucketEnd: end,
    shiftName: null,
    availability: null,
    effectiveness: null,
    quality: null,
    oee: null,
    idealProductionMs: 0,
    idealGoodMs: 0,
    plannedBusyTimeMs: 0,
    runTimeMs: 0,
    setupTimeMs: 0,
    unplannedStopTimeMs: 0,
    unknownTimeMs: 0,
    producedQuantity: 0,
    scrapQuantity: 0,
    reworkQuantity: 0,
    final: true,
    ...values,
  };
}

export const fixedClock =
  (iso: string): Clock =>
  () =>
    new Date(iso);

// The whole portal at a path, as the browser would open it: the session is restored from the
// (mocked) refresh cookie unless the mock says otherwise.
export function renderPortal(
  path: string,
  clock: Clock = fixedClock('2026-03-10T12:20:00Z'),
): RenderResult & {
  session: SessionManager;
} {
  window.location.hash = path;
  const manager = new SessionManager(apiSessionTransport);
  void manager.restore();
  return { ...render(<App session={manager} clock={clock} />), session: manager };
}

export function signedInAs(overrides: Partial<Session> = {}) {
  return { RefreshSession: () => ({ data: { refreshSession: session(overrides) } }) };
}

export const noSession = {
  RefreshSession: () => graphQlError('UNAUTHENTICATED', 'no refresh token: sign in again'),
};

// Two sites in different zones; the first with an area, a line and two machines.
export const plantAssets: Asset[] = [
  asset('e', 'enterprise', null, { name: 'Acme' }),
  asset('s1', 'site', 'e', { name: 'Berlin plant', timeZone: 'Europe/Berlin' }),
  asset('s2', 'site', 'e', { name: 'Ohio plant', timeZone: 'America/New_York' }),
  asset('a1', 'area', 's1', { name: 'Pressing', siteId: 's1' }),
  asset('l1', 'line', 'a1', { name: 'Line 1', siteId: 's1' }),
  asset('m1', 'machine', 'l1', { name: 'Press 1', siteId: 's1' }),
  asset('m2', 'machine', 'l1', { name: 'Press 2', siteId: 's1' }),
];

// A gateway as the fleet list and the gateway page ask for it (GatewayIdentity): active, online,
// at the Berlin site.
export function gatewayIdentity(id: string, name: string, extra: Record<string, unknown> = {}) {
  return {
    id,
    name,
    thingName: `cvg-${id}`,
    serialNumber: null as string | null,
    status: 'active',
    online: true,
    lastSeenAt: '2026-03-10T12:19:00.000Z',
    agentVersion: '1.4.0',
    certificateExpiresAt: '2027-03-10T00:00:00.000Z',
    siteId: 's1',
    site: { id: 's1', name: 'Berlin plant', timeZone: 'Europe/Berlin' },
    ...extra,
  };
}
