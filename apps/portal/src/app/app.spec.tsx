import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import {
  asset,
  graphQlError,
  mockGraphQl,
  noSession,
  renderPortal,
  sentRequest,
  session,
  signedInAs,
  assetPage,
} from './spec-helpers';

const assets = [asset('s1', 'site', null, { name: 'Berlin plant', timeZone: 'Europe/Berlin' })];
const portalData = {
  Assets: () => ({ data: { assets: assetPage(assets) } }),
  AssetKpis: () => ({ data: { assetKpis: [] } }),
};

function signIn(email: string, password: string): void {
  fireEvent.change(screen.getByLabelText(/E-mail/), { target: { value: email } });
  fireEvent.change(screen.getByLabelText(/Password/), { target: { value: password } });
  fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
}

describe('the portal', () => {
  it('restores the session from the refresh cookie on load, with the anti-CSRF header', async () => {
    const fetchMock = mockGraphQl({ ...signedInAs(), ...portalData });
    renderPortal('#/');

    expect(await screen.findByRole('heading', { level: 1, name: 'Sites' })).toBeTruthy();
    const refresh = sentRequest(fetchMock, 0);
    expect(refresh.operationName).toBe('RefreshSession');
    expect(refresh.headers.get('x-convergent-csrf')).toBe('1');
    expect(refresh.headers.has('authorization')).toBe(false);
    // Page queries carry the token from memory, never from storage.
    await waitFor(() => expect(fetchMock.mock.calls.length).toBeGreaterThan(1));
    expect(sentRequest(fetchMock, 1).headers.get('authorization')).toBe('Bearer token-1');
    expect(sessionStorage.length + localStorage.length).toBe(0);
  });

  it('sends a visitor without a session to sign-in and then on to the page they asked for', async () => {
    const fetchMock = mockGraphQl({
      ...noSession,
      SignIn: () => ({ data: { login: session({ accessToken: 'fresh' }) } }),
      ...portalData,
    });
    renderPortal('#/fleet');

    expect(await screen.findByRole('heading', { name: 'Sign in to Convergent' })).toBeTruthy();
    expect(window.location.hash).toBe('#/sign-in?next=%2Ffleet');
    signIn(' olga@example.com ', 'secret');

    // The fleet screen is a chunk of its own, loaded on first use.
    expect(await screen.findByRole('heading', { level: 1, name: 'Fleet' }, { timeout: 5000 })).toBeTruthy();
    const login = fetchMock.mock.calls
      .map((_, i) => sentRequest(fetchMock, i))
      .find((r) => r.operationName === 'SignIn');
    expect(login?.variables).toEqual({ email: 'olga@example.com', password: 'secret' });
    expect(login?.headers.has('authorization')).toBe(false);
  });

  it("shows the API's message when sign-in fails and keeps what was typed", async () => {
    mockGraphQl({
      ...noSession,
      SignIn: () => graphQlError('UNAUTHENTICATED', 'e-mail or password is wrong'),
    });
    renderPortal('#/sign-in');
    await screen.findByRole('heading', { name: 'Sign in to Convergent' });
    signIn('olga@example.com', 'wrong');

    expect((await screen.findByRole('alert')).textContent).toBe('e-mail or password is wrong');
    expect(screen.getByLabelText<HTMLInputElement>(/E-mail/).value).toBe('olga@example.com');
    expect(screen.getByLabelText(/Password/).getAttribute('aria-invalid')).toBe('true');
  });

  it('asks for both fields before sending anything', async () => {
    const fetchMock = mockGraphQl({ ...noSession });
    renderPortal('#/sign-in');
    await screen.findByRole('heading', { name: 'Sign in to Convergent' });
    signIn('', '');
    expect((await screen.findByRole('alert')).textContent).toContain(
      'Enter your e-mail address and your password',
    );
    expect(fetchMock.mock.calls.map((_, i) => sentRequest(fetchMock, i).operationName)).toEqual([
      'RefreshSession',
    ]);
  });

  it('renews an expired token once and repeats the request; when that fails, returns to sign-in with the page', async () => {
    let refreshes = 0;
    mockGraphQl({
      RefreshSession: () => {
        refreshes += 1;
        // The first renewal (on load) works; the one after the API rejected the token does not.
        return refreshes === 1
          ? { data: { refreshSession: session() } }
          : graphQlError('UNAUTHENTICATED', 'the session has ended');
      },
      Assets: () => graphQlError('UNAUTHENTICATED', 'the access token has expired'),
    });
    renderPortal('#/assets/s1?range=last-7-days');

    expect(await screen.findByRole('heading', { name: 'Sign in to Convergent' })).toBeTruthy();
    expect(screen.getByRole('status').textContent).toContain('Your session has ended');
    expect(window.location.hash).toBe(`#/sign-in?next=${encodeURIComponent('/assets/s1?range=last-7-days')}`);
    expect(refreshes).toBe(2);
  });

  it('signs out: ends the session at the API and does not remember the page for the next user', async () => {
    const fetchMock = mockGraphQl({
      ...signedInAs(),
      ...portalData,
      SignOut: () => ({ data: { logout: true } }),
    });
    renderPortal('#/fleet');
    await screen.findByRole('heading', { level: 1, name: 'Fleet' }, { timeout: 5000 });

    fireEvent.click(screen.getByRole('button', { name: /Sign out/ }));

    expect(await screen.findByText('You have signed out.')).toBeTruthy();
    expect(window.location.hash).toBe('#/sign-in');
    await waitFor(() =>
      expect(fetchMock.mock.calls.map((_, i) => sentRequest(fetchMock, i).operationName)).toContain(
        'SignOut',
      ),
    );
  });

  it('shows the user, the tenant and navigation with the current page marked', async () => {
    mockGraphQl({ ...signedInAs({ userName: 'Olga', tenantName: 'Acme', role: 'viewer' }), ...portalData });
    renderPortal('#/');
    await screen.findByRole('heading', { level: 1, name: 'Sites' });
    expect(screen.getByText('Olga')).toBeTruthy();
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(within(nav).getByRole('link', { name: 'Sites' }).getAttribute('aria-current')).toBe('page');
    expect(within(nav).getByRole('link', { name: 'Fleet' }).getAttribute('aria-current')).toBeNull();

    // The first stop for the keyboard skips the header and the navigation.
    fireEvent.click(screen.getByRole('link', { name: 'Skip to content' }));
    expect(document.activeElement).toBe(screen.getByRole('heading', { level: 1, name: 'Sites' }));
    expect(window.location.hash).toBe('#/');
  });

  it('says when there is nothing at an address', async () => {
    mockGraphQl({ ...signedInAs(), ...portalData });
    renderPortal('#/no/such/page');
    expect(await screen.findByRole('heading', { level: 1, name: 'Page not found' })).toBeTruthy();
  });
});
