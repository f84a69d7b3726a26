import { fireEvent, screen } from '@testing-library/react';
import { graphQlError, mockGraphQl, noSession, renderPortal, sentRequest } from '../spec-helpers';

function fill(label: string | RegExp, value: string): void {
  fireEvent.change(screen.getByLabelText(label), { target: { value } });
}

describe('accept invitation page', () => {
  it('joins with the token from the link, without a session, then points to sign-in', async () => {
    const fetchMock = mockGraphQl({
      ...noSession,
      AcceptInvitation: () => ({
        data: {
          acceptInvitation: { email: 'nia@example.com', tenantName: 'Acme Metal', tenantSlug: 'acme' },
        },
      }),
    });
    renderPortal('#/accept-invitation?token=cvi_from-link');
    await screen.findByRole('heading', { level: 1, name: 'Join Convergent' });
    expect(screen.queryByLabelText(/Invitation token/)).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'Join' }));
    expect(await screen.findByText('Enter your name as colleagues will see it.')).toBeTruthy();
    expect(screen.getByText('At least 12 characters; a few unrelated words make a good one.')).toBeTruthy();

    fill(/Your name/, ' Nia Newcomer ');
    fill(/^Password/, 'a long enough passphrase');
    fill(/Repeat the password/, 'a long enough passphrase');
    fireEvent.click(screen.getByRole('button', { name: 'Join' }));

    expect(await screen.findByText('Welcome to Acme Metal', {})).toBeTruthy();
    expect(screen.getByText(/Sign in as nia@example.com/)).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Go to sign-in' }).getAttribute('href')).toBe('#/sign-in');
    const sent = fetchMock.mock.calls
      .map((_, i) => sentRequest(fetchMock, i))
      .find((r) => r.operationName === 'AcceptInvitation');
    expect(sent?.variables).toEqual({
      token: 'cvi_from-link',
      name: 'Nia Newcomer',
      password: 'a long enough passphrase',
    });
    expect(sent?.headers.get('authorization')).toBeNull();
  });

  it("asks for the token when the link had none, and shows the API's reason when it refuses", async () => {
    mockGraphQl({
      ...noSession,
      AcceptInvitation: () => graphQlError('CONFLICT', 'this invitation was already used: sign in instead'),
    });
    renderPortal('#/accept-invitation');
    await screen.findByRole('heading', { level: 1, name: 'Join Convergent' });
    fill(/Your name/, 'Nia');
    fill(/^Password/, 'a long enough passphrase');
    fill(/Repeat the password/, 'a long enough passphrase');
    fireEvent.click(screen.getByRole('button', { name: 'Join' }));
    expect(await screen.findByText('Paste the invitation token from your link.')).toBeTruthy();

    fill(/Invitation token/, 'cvi_used');
    fireEvent.click(screen.getByRole('button', { name: 'Join' }));
    const alert = await screen.findByRole('alert', {});
    expect(alert.textContent).toContain('this invitation was already used: sign in instead');
  });
});
