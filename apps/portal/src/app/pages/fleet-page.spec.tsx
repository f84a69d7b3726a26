import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import {
  asset,
  assetPage,
  gatewayIdentity,
  graphQlError,
  mockGraphQl,
  renderPortal,
  sentRequest,
  signedInAs,
} from '../spec-helpers';

const sites = [
  asset('s1', 'site', null, { name: 'Berlin plant', timeZone: 'Europe/Berlin' }),
  asset('s2', 'site', null, { name: 'Ohio plant', timeZone: 'America/New_York' }),
];
const claim = {
  id: 'c1',
  siteId: 's1',
  token: 'cvgc_abcdefghijklmnopqrstuvwx',
  qrPayload: '{"v":1,"token":"cvgc_abcdefghijklmnopqrstuvwx"}',
  expiresAt: '2026-03-10T13:20:00.000Z',
  expectedSerial: 'GW-0042',
};

function gatewayNode(id: string, name: string, extra: Record<string, unknown> = {}) {
  return gatewayIdentity(id, name, {
    machines: [{ machineId: 'm1', sourceKey: 'press1', machine: { id: 'm1', name: 'Press 1' } }],
    ...extra,
  });
}

function gatewaysAnswer(nodes: ReturnType<typeof gatewayNode>[]) {
  return {
    data: {
      gateways: {
        totalCount: nodes.length,
        pageInfo: { hasNextPage: false, endCursor: null },
        edges: nodes.map((node) => ({ node })),
      },
    },
  };
}

async function chooseSite(name: string): Promise<void> {
  fireEvent.click(await screen.findByRole('textbox', { name: /Site/ }));
  // Mantine's dropdown is still in its opening transition, which jsdom never runs.
  fireEvent.click(await screen.findByRole('option', { name, hidden: true }));
}

describe('fleet page', () => {
  it('creates a claim for the chosen site and shows its token once, with a QR code', async () => {
    const fetchMock = mockGraphQl({
      ...signedInAs({ role: 'technician' }),
      Assets: () => ({ data: { assets: assetPage(sites) } }),
      Gateways: () => gatewaysAnswer([]),
      CreateProvisioningClaim: () => ({ data: { createProvisioningClaim: claim } }),
    });
    renderPortal('#/fleet');
    await screen.findByRole('heading', { level: 1, name: 'Fleet' });
    await chooseSite('Berlin plant');
    fireEvent.change(screen.getByRole('textbox', { name: /Gateway serial number/ }), {
      target: { value: ' GW-0042 ' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Create provisioning claim' }));

    expect(await screen.findByText(claim.token)).toBeTruthy();
    expect(screen.getByRole('img', { name: 'QR code of the provisioning claim' })).toBeTruthy();
    expect(screen.getByText(/shown only now/)).toBeTruthy();
    // Expiry in the site's zone: 14:20 in Berlin.
    expect(screen.getByText(/Expires .*14:20 \(Europe\/Berlin\) · only for serial GW-0042/)).toBeTruthy();
    const sent = fetchMock.mock.calls
      .map((_, i) => sentRequest(fetchMock, i))
      .find((r) => r.operationName === 'CreateProvisioningClaim');
    expect(sent?.variables).toEqual({
      input: { siteId: 's1', expiresInMinutes: 60, expectedSerial: 'GW-0042' },
    });

    fireEvent.click(screen.getByRole('button', { name: 'Create another claim' }));
    expect(screen.queryByText(claim.token)).toBeNull();
  });

  it('says what is missing or out of range before asking the API', async () => {
    const fetchMock = mockGraphQl({
      ...signedInAs({ role: 'admin' }),
      Assets: () => ({ data: { assets: assetPage(sites) } }),
      Gateways: () => gatewaysAnswer([]),
    });
    renderPortal('#/fleet');
    await screen.findByRole('heading', { level: 1, name: 'Fleet' });
    fireEvent.change(await screen.findByRole('textbox', { name: /Valid for/ }), {
      target: { value: '20000' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Create provisioning claim' }));

    expect(await screen.findByText('Choose the site the gateway will belong to.')).toBeTruthy();
    expect(screen.getByText('Between 1 and 10080 minutes (a week).')).toBeTruthy();
    expect(fetchMock.mock.calls.map((_, i) => sentRequest(fetchMock, i).operationName)).not.toContain(
      'CreateProvisioningClaim',
    );
  });

  it("shows the API's reason when it refuses", async () => {
    mockGraphQl({
      ...signedInAs({ role: 'admin' }),
      Assets: () => ({ data: { assets: assetPage(sites) } }),
      Gateways: () => gatewaysAnswer([]),
      CreateProvisioningClaim: () => graphQlError('LIMIT_REACHED', 'the plan allows 10 gateways'),
    });
    renderPortal('#/fleet');
    await screen.findByRole('heading', { level: 1, name: 'Fleet' });
    await chooseSite('Ohio plant');
    fireEvent.click(screen.getByRole('button', { name: 'Create provisioning claim' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('The claim could not be created.');
    expect(alert.textContent).toContain('the plan allows 10 gateways');
  });

  it('tells operators and viewers that only admins and technicians add gateways', async () => {
    mockGraphQl({
      ...signedInAs({ role: 'viewer' }),
      Assets: () => ({ data: { assets: assetPage(sites) } }),
      Gateways: () => gatewaysAnswer([]),
    });
    renderPortal('#/fleet');
    expect(await screen.findByText('Only administrators and technicians add gateways', {})).toBeTruthy();
    await waitFor(() =>
      expect(screen.queryByRole('button', { name: 'Create provisioning claim' })).toBeNull(),
    );
  });

  it('lists gateways with presence, last seen in the site zone, agent and machines, and decommissions one after naming it', async () => {
    let revoked = false;
    const fetchMock = mockGraphQl({
      ...signedInAs({ role: 'technician' }),
      Assets: () => ({ data: { assets: assetPage(sites) } }),
      Gateways: () =>
        gatewaysAnswer([
          gatewayNode('g1', 'Line 1 gateway', revoked ? { status: 'decommissioned', online: false } : {}),
          gatewayNode('g2', 'Line 2 gateway', { online: false, serialNumber: 'GW-7', machines: [] }),
        ]),
      RevokeGateway: (v) => {
        revoked = true;
        return { data: { revokeGateway: { gatewayId: v['id'], revokedAt: '2026-03-10T12:20:00Z' } } };
      },
    });
    renderPortal('#/fleet');
    const table = await screen.findByRole('table', { name: 'Gateways' });
    const rows = within(table).getAllByRole('row');
    expect(within(rows[1]!).getByText('online')).toBeTruthy();
    expect(within(rows[1]!).getByText(/13:19/)).toBeTruthy();
    expect(within(rows[1]!).getByText('1.4.0')).toBeTruthy();
    expect(within(rows[1]!).getByText('Press 1')).toBeTruthy();
    expect(within(rows[2]!).getByText('offline')).toBeTruthy();
    expect(within(rows[2]!).getByText('serial GW-7')).toBeTruthy();

    fireEvent.click(within(rows[1]!).getByRole('button', { name: 'Decommission Line 1 gateway' }));
    const dialog = await screen.findByRole('dialog', { name: 'Decommission gateway' });
    expect(within(dialog).getByText(/^Decommission Line 1 gateway\?/)).toBeTruthy();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Decommission Line 1 gateway' }));
    expect(await within(table).findByText('decommissioned', {})).toBeTruthy();
    const sent = fetchMock.mock.calls
      .map((_, i) => sentRequest(fetchMock, i))
      .find((r) => r.operationName === 'RevokeGateway');
    expect(sent?.variables).toEqual({ id: 'g1' });
  });

  it('viewers see gateways but cannot decommission them', async () => {
    mockGraphQl({
      ...signedInAs({ role: 'viewer' }),
      Assets: () => ({ data: { assets: assetPage(sites) } }),
      Gateways: () => gatewaysAnswer([gatewayNode('g1', 'Line 1 gateway')]),
    });
    renderPortal('#/fleet');
    await screen.findByRole('table', { name: 'Gateways' });
    expect(screen.queryByRole('button', { name: /Decommission/ })).toBeNull();
  });
});
