import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { SignInPage } from './sign-in-page';
import { graphQlError, mockGraphQl, sentRequest, session } from './spec-helpers';

function fillIn(email: string, password: string): void {
  fireEvent.change(screen.getByLabelText('E-mail'), { target: { value: email } });
  fireEvent.change(screen.getByLabelText('Password'), { target: { value: password } });
  fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
}

describe('SignInPage', () => {
  it("shows the API's message for wrong credentials and lets the user try again", async () => {
    const fetchMock = mockGraphQl({
      SignIn: () => graphQlError('UNAUTHENTICATED', 'e-mail or password is wrong'),
    });
    const onSignedIn = vi.fn();
    render(<SignInPage notice={null} onSignedIn={onSignedIn} />);

    fillIn(' olga@example.com ', 'wrong');

    expect((await screen.findByRole('alert')).textContent).toBe('e-mail or password is wrong');
    expect(screen.getByLabelText('Password').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByRole('button', { name: 'Sign in' }).hasAttribute('disabled')).toBe(false);
    expect(onSignedIn).not.toHaveBeenCalled();
    expect(sentRequest(fetchMock).variables).toEqual({ email: 'olga@example.com', password: 'wrong' });
    // The sign-in itself is never sent with a token.
    expect(sentRequest(fetchMock).headers.has('authorization')).toBe(false);
  });

  it('disables the button while signing in and hands over the session', async () => {
    const payload = session();
    let answer: (body: unknown) => void = () => undefined;
    vi.stubGlobal(
      'fetch',
      vi.fn(
        () =>
          new Promise<Response>((resolve) => {
            answer = (body) => resolve(new Response(JSON.stringify(body), { status: 200 }));
          }),
      ),
    );
    const onSignedIn = vi.fn();
    render(
      <SignInPage notice="Your session has ended. Sign in again to continue." onSignedIn={onSignedIn} />,
    );
    expect(screen.getByRole('status').textContent).toContain('session has ended');

    fillIn('olga@example.com', 'secret');

    const busy = await screen.findByRole('button', { name: 'Signing in…' });
    expect(busy.hasAttribute('disabled')).toBe(true);
    answer({ data: { login: payload } });
    await waitFor(() => expect(onSignedIn).toHaveBeenCalledWith(payload));
  });
});
