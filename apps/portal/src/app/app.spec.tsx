import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { App } from './app';
import { saveSession } from './session';
import { asset, assetPage, graphQlError, mockGraphQl, session } from './spec-helpers';

describe('App', () => {
  it('sends a visitor without a session to sign-in, then back to the page asked for', async () => {
    window.location.hash = '#/machines/m1';
    mockGraphQl({
      SignIn: () => ({ data: { login: session() } }),
      PlantAssets: () => ({
        data: { assets: assetPage([asset('m1', 'machine', null, { name: 'Press 1' })]) },
      }),
      MachineKpis: () => ({ data: { machineKpis: [] } }),
    });
    render(<App />);

    expect(screen.getByRole('heading', { level: 1, name: 'Sign in to Convergent' })).toBeTruthy();
    await waitFor(() => expect(window.location.hash).toBe('#/sign-in?next=%2Fmachines%2Fm1'));

    fireEvent.change(screen.getByLabelText('E-mail'), { target: { value: 'olga@example.com' } });
    fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'secret' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Press 1' })).toBeTruthy();
    expect(window.location.hash).toBe('#/machines/m1');
    expect(sessionStorage.getItem('convergent.session')).toContain('token-1');
  });

  it('goes back to sign-in on UNAUTHENTICATED, keeping the page the user was on', async () => {
    saveSession(session());
    window.location.hash = '#/machines/m1';
    mockGraphQl({ PlantAssets: () => graphQlError('UNAUTHENTICATED', 'token expired: sign in again') });
    render(<App />);

    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in to Convergent' })).toBeTruthy();
    expect(screen.getByRole('status').textContent).toContain('session has ended');
    await waitFor(() => expect(window.location.hash).toBe('#/sign-in?next=%2Fmachines%2Fm1'));
    expect(sessionStorage.getItem('convergent.session')).toBeNull();
  });

  it('signs out to a sign-in page that remembers nothing', async () => {
    saveSession(session());
    window.location.hash = '#/';
    mockGraphQl({ PlantAssets: () => ({ data: { assets: assetPage([]) } }) });
    render(<App />);

    fireEvent.click(await screen.findByRole('button', { name: 'Sign out' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in to Convergent' })).toBeTruthy();
    await waitFor(() => expect(window.location.hash).toBe('#/sign-in'));
    expect(sessionStorage.getItem('convergent.session')).toBeNull();
  });
});
