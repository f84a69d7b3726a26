import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import {
  asset,
  assetPage,
  connectionOf,
  mockGraphQl,
  renderPortal,
  sentRequest,
  signedInAs,
} from '../spec-helpers';

const BERLIN = '4cea8e6a-ea0f-4b07-a928-320e44f8f798';
const sites = [asset(BERLIN, 'site', null, { name: 'Berlin plant', timeZone: 'Europe/Berlin' })];
const users = [
  {
    userId: 'ada',
    name: 'Ada Admin',
    email: 'ada@example.com',
    role: 'admin',
    siteIds: null,
    active: true,
    memberSince: '2026-01-01T00:00:00.000Z',
  },
];
const keys = [
  {
    id: 'k1',
    name: 'ERP sync',
    prefix: '0123456789abcdef',
    scopes: [],
    createdAt: '2026-01-01T00:00:00.000Z',
    lastUsedAt: null,
    expiresAt: null,
    revokedAt: null,
  },
];

function entry(id: string, at: string, extra: Record<string, unknown> = {}) {
  return {
    cursor: `c-${id}`,
    node: {
      id,
      at,
      action: 'membership.update',
      entityType: 'membership',
      entityId: 'olga',
      actorUserId: 'ada',
      actorApiKeyId: null,
      before: JSON.stringify({ role: 'operator', siteIds: ['s1'] }),
      after: JSON.stringify({ role: 'viewer', siteIds: ['s1'] }),
      ...extra,
    },
  };
}

const firstPage = {
  edges: [
    entry('e2', '2026-03-10T11:05:00.000Z'),
    entry('e1', '2026-03-10T10:00:00.000Z', {
      action: 'provisioning_claim.create',
      entityType: 'provisioning_claim',
      actorUserId: null,
      actorApiKeyId: 'k1',
      before: null,
      after: JSON.stringify({ siteId: BERLIN }),
    }),
  ],
  pageInfo: { endCursor: 'c-e1', hasNextPage: true },
};
const secondPage = {
  edges: [entry('e0', '2026-03-09T08:00:00.000Z', { action: 'api_key.revoke', before: null, after: null })],
  pageInfo: { endCursor: 'c-e0', hasNextPage: false },
};

function auditRequests(fetchMock: ReturnType<typeof mockGraphQl>) {
  return fetchMock.mock.calls
    .map((_, i) => sentRequest(fetchMock, i))
    .filter((r) => r.operationName === 'AuditLog');
}

describe('audit log page', () => {
  it('shows who did what with a readable diff, in the site zone, and loads more with the cursor', async () => {
    const fetchMock = mockGraphQl({
      ...signedInAs({ role: 'admin' }),
      Assets: () => ({ data: { assets: assetPage(sites) } }),
      Users: () => ({ data: { users: connectionOf(users) } }),
      ApiKeys: () => ({ data: { apiKeys: connectionOf(keys) } }),
      AuditLog: (v) => ({ data: { auditLog: v['after'] ? secondPage : firstPage } }),
    });
    renderPortal('#/admin/audit');
    const table = await screen.findByRole('table', { name: 'Audit entries, newest first' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(2);
    await waitFor(() => expect(rows[0]?.textContent).toContain('Ada Admin'));
    await waitFor(() => expect(rows[0]?.textContent).toContain('12:05')); // 11:05 UTC in Berlin
    expect(rows[0]?.textContent).toContain('membership.update');
    expect(rows[0]?.textContent).toMatch(/role: operator\s*→ viewer/);
    expect(rows[0]?.textContent).not.toContain('siteIds'); // unchanged fields are left out
    expect(rows[1]?.textContent).toContain('API key ERP sync');
    // Ids the viewer can name are shown as names.
    await waitFor(() => expect(rows[1]?.textContent).toMatch(/siteId: Berlin plant\s*\(added\)/));
    expect(screen.getByText('Times in Europe/Berlin')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Load more' }));
    await waitFor(() => expect(within(table).getAllByRole('row')).toHaveLength(4));
    expect(within(table).getAllByRole('row')[3]?.textContent).toContain('No recorded change');
    expect(auditRequests(fetchMock).at(-1)?.variables).toMatchObject({ after: 'c-e1', first: 25 });
    expect(await screen.findByText('That is every entry that matches.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull();
  });

  it('filters by action, actor and whole days in the site zone, starting again from the newest', async () => {
    const fetchMock = mockGraphQl({
      ...signedInAs({ role: 'admin' }),
      Assets: () => ({ data: { assets: assetPage(sites) } }),
      Users: () => ({ data: { users: connectionOf(users) } }),
      ApiKeys: () => ({ data: { apiKeys: connectionOf(keys) } }),
      AuditLog: (v) => ({
        data: {
          auditLog: (v['filter'] as { action?: string }).action
            ? { edges: [], pageInfo: { endCursor: null, hasNextPage: false } }
            : firstPage,
        },
      }),
    });
    renderPortal('#/admin/audit');
    await screen.findByRole('table', { name: 'Audit entries, newest first' });
    fireEvent.change(screen.getByRole('textbox', { name: 'Action' }), {
      target: { value: 'api_key.create' },
    });
    fireEvent.click(screen.getByRole('textbox', { name: 'Who' }));
    fireEvent.click(await screen.findByRole('option', { name: 'API key ERP sync', hidden: true }));
    fireEvent.change(screen.getByLabelText('From day'), { target: { value: '2026-03-09' } });
    fireEvent.change(screen.getByLabelText('To day (inclusive)'), { target: { value: '2026-03-08' } });
    fireEvent.click(screen.getByRole('button', { name: 'Apply filters' }));
    expect(await screen.findByText('The last day comes before the first.')).toBeTruthy();

    fireEvent.change(screen.getByLabelText('To day (inclusive)'), { target: { value: '2026-03-10' } });
    fireEvent.click(screen.getByRole('button', { name: 'Apply filters' }));
    expect(await screen.findByText('No audit entry matches these filters.', {})).toBeTruthy();
    expect(auditRequests(fetchMock).at(-1)?.variables).toEqual({
      filter: {
        action: 'api_key.create',
        actorApiKeyId: 'k1',
        from: '2026-03-08T23:00:00.000Z',
        to: '2026-03-10T23:00:00.000Z',
      },
      after: null,
      first: 25,
    });
  });
});
