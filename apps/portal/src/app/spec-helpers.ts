import { vi } from 'vitest';
import type { Asset, AuthPayload, KpiBucket } from './operations';

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

// Stands in for the API until the portal's browser tests run against the real one: answers each
// operation by name with the GraphQL response body the handler returns.
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

// The assets query's answer: a connection of the given assets.
export function assetPage(assets: readonly Asset[]) {
  return { edges: assets.map((node) => ({ cursor: node.id, node })) };
}

export function session(overrides: Partial<AuthPayload> = {}): AuthPayload {
  return {
    accessToken: 'token-1',
    expiresAt: '2999-01-01T00:00:00.000Z',
    role: 'operator',
    tenantName: 'Acme Metal',
    userName: 'Olga Operator',
    ...overrides,
  };
}

// A KpiBucket as the API sends it (instants as ISO strings). Everything not given is 0 / null:
// an hour with nothing planned and no ideal cycle time.
export type KpiBucketJson = Omit<KpiBucket, 'bucketStart' | 'bucketEnd'> & {
  bucketStart: string;
  bucketEnd: string;
};

export function kpiBucket(start: string, end: string, values: Partial<KpiBucketJson> = {}): KpiBucketJson {
  return {
    bucketStart: start,
    bucketEnd: end,
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
