import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import {
  asset,
  assetPage,
  connectionOf,
  graphQlError,
  mockGraphQl,
  renderPortal,
  sentRequest,
  signedInAs,
} from '../spec-helpers';

const sites = [asset('s1', 'site', null, { name: 'Berlin plant', timeZone: 'Europe/Berlin' })];
const existing = {
  id: 'k1',
  name: 'BI export',
  prefix: '0123456789abcdef',
  scopes: [
    { domain: 'kpi', access: 'READ' },
    { domain: 'fleet', access: 'READ_WRITE' },
  ],
  createdAt: '2026-03-01T08:00:00.000Z',
  lastUsedAt: '2026-03-10T09:15:00.000Z',
  expiresAt: null,
  revokedAt: null,
};
const SECRET = 'cvk_fedcba9876543210_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

function sent(fetchMock: ReturnType<typeof mockGraphQl>, name: string) {
  return fetchMock.mock.calls
    .map((_, i) => sentRequest(fetchMock, i))
    .filter((r) => r.operationName === name);
}

describe('API keys page', () => {
  it('lists keys with prefix, scopes, last use and expiry in the site zone', async () => {
    mockGraphQl({
      ...signedInAs({ role: 'admin' }),
      Assets: () => ({ data: { assets: assetPage(sites) } }),
      ApiKeys: () => ({ data: { apiKeys: connectionOf([existing]) } }),
    });
    renderPortal('#/admin/api-keys');
    const table = await screen.findByRole('table', { name: 'API keys' });
    const row = within(table).getByRole('row', { name: /BI export/ });
    expect(row.textContent).toContain('cvk_0123456789abcdef_…');
    expect(row.textContent).toContain('kpi: read');
    expect(row.textContent).toContain('fleet: read-write');
    await waitFor(() => expect(row.textContent).toContain('10:15')); // 09:15 UTC in Berlin
    expect(row.textContent).toContain('Never');
    expect(row.textContent).toContain('Active');
    expect(screen.getByText('Times in Europe/Berlin')).toBeTruthy();
  });

  it('creates a key with the chosen scopes and shows its secret once, with a warning', async () => {
    let keys: unknown[] = [];
    const fetchMock = mockGraphQl({
      ...signedInAs({ role: 'admin' }),
      Assets: () => ({ data: { assets: assetPage(sites) } }),
      ApiKeys: () => ({ data: { apiKeys: connectionOf(keys) } }),
      CreateApiKey: () => {
        keys = [{ ...existing, id: 'k2', name: 'ERP sync', prefix: 'fedcba9876543210' }];
        return {
          data: {
            createApiKey: {
              key: SECRET,
              apiKey: { id: 'k2', name: 'ERP sync', prefix: 'fedcba9876543210', expiresAt: null },
            },
          },
        };
      },
    });
    renderPortal('#/admin/api-keys');
    expect(await screen.findByText('There is no API key yet.', {})).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Create API key' }));
    expect(await screen.findByText('Give the key at least one domain to read or write.')).toBeTruthy();
    expect(screen.getByText(/Name the key after what uses it/)).toBeTruthy();
    expect(sent(fetchMock, 'CreateApiKey')).toHaveLength(0);

    fireEvent.change(screen.getByRole('textbox', { name: /Name/ }), { target: { value: ' ERP sync ' } });
    const kpi = screen.getByRole('radiogroup', { name: 'KPIs' });
    fireEvent.click(within(kpi).getByRole('radio', { name: 'Read' }));
    const fleet = screen.getByRole('radiogroup', { name: /Fleet/ });
    fireEvent.click(within(fleet).getByRole('radio', { name: 'Read and write' }));
    fireEvent.click(screen.getByRole('button', { name: 'Create API key' }));

    expect((await screen.findByTestId('api-key-secret', {})).textContent).toBe(SECRET);
    expect(screen.getByText(/Only a hash is kept/)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Copy key' })).toBeTruthy();
    expect(sent(fetchMock, 'CreateApiKey')[0]?.variables).toEqual({
      input: {
        name: 'ERP sync',
        scopes: [
          { domain: 'kpi', access: 'READ' },
          { domain: 'fleet', access: 'READ_WRITE' },
        ],
      },
    });
    // The list asks again, and now shows the key without its secret.
    await screen.findByRole('table', { name: 'API keys' });
    fireEvent.click(screen.getByRole('button', { name: 'Done' }));
    expect(screen.queryByText(SECRET)).toBeNull();
  });

  it('revokes a key only after confirmation, and shows why the API refused', async () => {
    let revokeAnswer: unknown = graphQlError('CONFLICT', 'this API key was already revoked');
    const fetchMock = mockGraphQl({
      ...signedInAs({ role: 'admin' }),
      Assets: () => ({ data: { assets: assetPage(sites) } }),
      ApiKeys: () => ({ data: { apiKeys: connectionOf([existing]) } }),
      RevokeApiKey: () => revokeAnswer,
    });
    renderPortal('#/admin/api-keys');
    fireEvent.click(await screen.findByRole('button', { name: 'Revoke BI export' }));
    const dialog = await screen.findByRole('dialog', { name: 'Revoke BI export' });
    expect(dialog.textContent).toContain('cvk_0123456789abcdef_…');
    expect(sent(fetchMock, 'RevokeApiKey')).toHaveLength(0);

    fireEvent.click(within(dialog).getByRole('button', { name: 'Revoke key' }));
    expect((await within(dialog).findByRole('alert')).textContent).toContain(
      'this API key was already revoked',
    );

    revokeAnswer = { data: { revokeApiKey: { id: 'k1', revokedAt: '2026-03-10T12:00:00.000Z' } } };
    fireEvent.click(within(dialog).getByRole('button', { name: 'Revoke key' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(sent(fetchMock, 'RevokeApiKey').at(-1)?.variables).toEqual({ id: 'k1' });
  });

  it('tells other roles that administration is for administrators, and hides it from the menu', async () => {
    const fetchMock = mockGraphQl({
      ...signedInAs({ role: 'technician' }),
      Assets: () => ({ data: { assets: assetPage(sites) } }),
    });
    renderPortal('#/admin/api-keys');
    expect(await screen.findByText('Administration is for administrators', {})).toBeTruthy();
    const menu = screen.getByRole('navigation', { name: 'Main' });
    expect(within(menu).queryByRole('link', { name: 'API keys' })).toBeNull();
    expect(sent(fetchMock, 'ApiKeys')).toHaveLength(0);
  });
});
