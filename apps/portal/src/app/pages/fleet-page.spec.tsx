import { fireEvent, screen, waitFor } from '@testing-library/react';
import {
  asset,
  assetPage,
  graphQlError,
  mockGraphQl,
  renderPortal,
  sentRequest,
  signedInAs,
} from '../spec-helpers';

const LOAD = { timeout: 5000 };
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

async function chooseSite(name: string): Promise<void> {
  fireEvent.click(await screen.findByRole('textbox', { name: /Site/ }, LOAD));
  // Mantine's dropdown is still in its opening transition, which jsdom never runs.
  fireEvent.click(await screen.findByRole('option', { name, hidden: true }));
}

describe('fleet page', () => {
  it('creates a claim for the chosen site and shows its token once, with a QR code', async () => {
    const fetchMock = mockGraphQl({
      ...signedInAs({ role: 'technician' }),
      Assets: () => ({ data: { assets: assetPage(sites) } }),
      CreateProvisioningClaim: () => ({ data: { createProvisioningClaim: claim } }),
    });
    renderPortal('#/fleet');
    await screen.findByRole('heading', { level: 1, name: 'Fleet' }, LOAD);
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
    });
    renderPortal('#/fleet');
    await screen.findByRole('heading', { level: 1, name: 'Fleet' }, LOAD);
    fireEvent.change(await screen.findByRole('textbox', { name: /Valid for/ }, LOAD), {
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
      CreateProvisioningClaim: () => graphQlError('LIMIT_REACHED', 'the plan allows 10 gateways'),
    });
    renderPortal('#/fleet');
    await screen.findByRole('heading', { level: 1, name: 'Fleet' }, LOAD);
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
    });
    renderPortal('#/fleet');
    expect(
      await screen.findByText('Only administrators and technicians add gateways', {}, LOAD),
    ).toBeTruthy();
    await waitFor(() =>
      expect(screen.queryByRole('button', { name: 'Create provisioning claim' })).toBeNull(),
    );
  });
});
