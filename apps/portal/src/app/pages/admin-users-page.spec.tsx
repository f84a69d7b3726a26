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

const sites = [
  asset('s1', 'site', null, { name: 'Berlin plant', timeZone: 'Europe/Berlin' }),
  asset('s2', 'site', null, { name: 'Ohio plant', timeZone: 'America/New_York' }),
];
const member = (userId: string, name: string, extra: Record<string, unknown> = {}) => ({
  userId,
  name,
  email: `${userId}@example.com`,
  role: 'operator',
  siteIds: null,
  active: true,
  memberSince: '2026-01-05T10:00:00.000Z',
  ...extra,
});
const members = [
  member('ada', 'Ada Admin', { role: 'admin' }),
  member('olga', 'Olga Operator', { siteIds: ['s2'] }),
  member('gone', 'Gus Gone', { active: false }),
];

function sent(fetchMock: ReturnType<typeof mockGraphQl>, name: string) {
  return fetchMock.mock.calls
    .map((_, i) => sentRequest(fetchMock, i))
    .filter((r) => r.operationName === name);
}

async function choose(label: RegExp, option: string): Promise<void> {
  fireEvent.click(await screen.findByRole('textbox', { name: label }));
  fireEvent.click(await screen.findByRole('option', { name: option, hidden: true }));
}

describe('users page', () => {
  it('lists members with role, sites and status; times in UTC when the sites disagree, said so', async () => {
    mockGraphQl({
      ...signedInAs({ role: 'admin' }),
      Assets: () => ({ data: { assets: assetPage(sites) } }),
      Users: () => ({ data: { users: connectionOf(members) } }),
    });
    renderPortal('#/admin/users');
    const table = await screen.findByRole('table', { name: 'Members' });
    const olga = within(table).getByRole('row', { name: /Olga Operator/ });
    expect(olga.textContent).toContain('Operator');
    await waitFor(() => expect(olga.textContent).toContain('Ohio plant'));
    expect(within(table).getByRole('row', { name: /Ada Admin/ }).textContent).toContain('All sites');
    const gus = within(table).getByRole('row', { name: /Gus Gone/ });
    expect(gus.textContent).toContain('Deactivated');
    expect(within(gus).queryByRole('button')).toBeNull();
    expect(screen.getByText('Times in UTC (your sites are in several time zones)')).toBeTruthy();
  });

  it('invites with a role and sites, and shows the invitation link once', async () => {
    const fetchMock = mockGraphQl({
      ...signedInAs({ role: 'admin' }),
      Assets: () => ({ data: { assets: assetPage(sites) } }),
      Users: () => ({ data: { users: connectionOf(members) } }),
      InviteUser: () => ({
        data: {
          inviteUser: {
            id: 'i1',
            email: 'nia@example.com',
            role: 'technician',
            siteIds: ['s1'],
            expiresAt: '2026-03-17T12:00:00.000Z',
            token: 'cvi_secret-token',
          },
        },
      }),
    });
    renderPortal('#/admin/users');
    fireEvent.click(await screen.findByRole('button', { name: 'Invite' }));
    expect(await screen.findByText('Enter an e-mail address such as name@example.com.')).toBeTruthy();
    expect(screen.getByText('Choose what the new member may do.')).toBeTruthy();
    expect(sent(fetchMock, 'InviteUser')).toHaveLength(0);

    fireEvent.change(screen.getByRole('textbox', { name: /E-mail/ }), {
      target: { value: ' nia@example.com ' },
    });
    await choose(/^Role/, 'Technician');
    await choose(/^Sites/, 'Berlin plant');
    fireEvent.click(screen.getByRole('button', { name: 'Invite' }));

    const link = await screen.findByTestId('invitation-link', {});
    expect(link.textContent).toMatch(/#\/accept-invitation\?token=cvi_secret-token$/);
    expect(screen.getByText(/Only a hash is kept/)).toBeTruthy();
    expect(screen.getByText(/Technician · Berlin plant · valid until/)).toBeTruthy();
    expect(sent(fetchMock, 'InviteUser')[0]?.variables).toEqual({
      input: { email: 'nia@example.com', role: 'technician', siteIds: ['s1'] },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Invite someone else' }));
    expect(screen.queryByTestId('invitation-link')).toBeNull();
  });

  it('changes role and sites, every site when none is chosen', async () => {
    const fetchMock = mockGraphQl({
      ...signedInAs({ role: 'admin' }),
      Assets: () => ({ data: { assets: assetPage(sites) } }),
      Users: () => ({ data: { users: connectionOf(members) } }),
      UpdateMembership: (v) => ({
        data: { updateMembership: { userId: 'olga', role: 'viewer', siteIds: null, active: true, ...v } },
      }),
    });
    renderPortal('#/admin/users');
    fireEvent.click(await screen.findByRole('button', { name: 'Change role and sites of Olga Operator' }));
    const dialog = await screen.findByRole('dialog', { name: 'Role and sites of Olga Operator' });
    fireEvent.click(within(dialog).getByRole('textbox', { name: /^Role/ }));
    fireEvent.click(await within(dialog).findByRole('option', { name: 'Viewer', hidden: true }));
    // Removing the only site (Backspace, as on a keyboard) leaves every site.
    fireEvent.keyDown(within(dialog).getByRole('textbox', { name: /^Sites/ }), { key: 'Backspace' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(sent(fetchMock, 'UpdateMembership')[0]?.variables).toEqual({
      input: { userId: 'olga', role: 'viewer', siteIds: null },
    });
  });

  it('deactivates only after confirmation and shows the API refusing the last admin', async () => {
    const fetchMock = mockGraphQl({
      ...signedInAs({ role: 'admin' }),
      Assets: () => ({ data: { assets: assetPage(sites) } }),
      Users: () => ({ data: { users: connectionOf(members) } }),
      DeactivateUser: () =>
        graphQlError(
          'CONFLICT',
          'cannot deactivate the last admin of this tenant: make another member admin first',
        ),
    });
    renderPortal('#/admin/users');
    fireEvent.click(await screen.findByRole('button', { name: 'Deactivate Ada Admin' }));
    const dialog = await screen.findByRole('dialog', { name: 'Deactivate Ada Admin' });
    expect(dialog.textContent).toContain('lose access to this organisation at once');
    expect(sent(fetchMock, 'DeactivateUser')).toHaveLength(0);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Deactivate' }));
    expect((await within(dialog).findByRole('alert')).textContent).toContain(
      'cannot deactivate the last admin',
    );
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });
});
