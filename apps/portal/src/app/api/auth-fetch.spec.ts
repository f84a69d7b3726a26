import { graphQlError, session } from '../spec-helpers';
import { SessionManager } from '../session/session';
import { createAuthFetch } from './auth-fetch';

function answer(body: unknown): Response {
  return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
}

function authorizationOf(call: unknown[] | undefined): string | null {
  return new Headers((call?.[1] as RequestInit | undefined)?.headers).get('authorization');
}

describe('createAuthFetch', () => {
  it('adds the current access token', async () => {
    const fetchMock = vi.fn(() => Promise.resolve(answer({ data: { assets: [] } })));
    vi.stubGlobal('fetch', fetchMock);
    const manager = new SessionManager({ refresh: vi.fn(), signOut: vi.fn() });
    manager.signedIn(session({ accessToken: 'abc' }));

    await createAuthFetch(manager)('/graphql', { method: 'POST', body: '{}' });
    expect(authorizationOf(fetchMock.mock.calls[0])).toBe('Bearer abc');
  });

  it('renews a rejected token once and repeats the request with the new one', async () => {
    const fetchMock = vi
      .fn()
      .mockResolvedValueOnce(answer(graphQlError('UNAUTHENTICATED', 'the access token has expired')))
      .mockResolvedValueOnce(answer({ data: { assets: [] } }));
    vi.stubGlobal('fetch', fetchMock);
    const refresh = vi.fn(() => Promise.resolve(session({ accessToken: 'renewed' })));
    const manager = new SessionManager({ refresh, signOut: vi.fn() });
    manager.signedIn(session({ accessToken: 'expired' }));

    const response = await createAuthFetch(manager)('/graphql', { method: 'POST', body: '{}' });
    expect(await response.json()).toEqual({ data: { assets: [] } });
    expect(refresh).toHaveBeenCalledTimes(1);
    expect(authorizationOf(fetchMock.mock.calls[1])).toBe('Bearer renewed');
  });

  it('ends the session when the renewal is refused, and passes the rejection on', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(() => Promise.resolve(answer(graphQlError('UNAUTHENTICATED', 'the access token has expired')))),
    );
    const manager = new SessionManager({
      refresh: () => Promise.reject(new Error('refused')),
      signOut: vi.fn(),
    });
    manager.signedIn(session());

    const response = await createAuthFetch(manager)('/graphql', { method: 'POST', body: '{}' });
    expect((await response.json()) as unknown).toMatchObject({
      errors: [{ extensions: { code: 'UNAUTHENTICATED' } }],
    });
    expect(manager.getState()).toEqual({ status: 'signed-out', reason: 'expired' });
  });
});
