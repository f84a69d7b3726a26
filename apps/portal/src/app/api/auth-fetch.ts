import type { SessionManager } from '../session/session';

function withToken(init: RequestInit | undefined, token: string | null): RequestInit {
  const headers = new Headers(init?.headers);
  if (token) headers.set('authorization', `Bearer ${token}`);
  return { ...init, headers };
}

// GraphQL over HTTP may answer an expired token with 200 and an error body, so the body decides.
async function isUnauthenticated(response: Response): Promise<boolean> {
  try {
    const body = (await response.clone().json()) as { errors?: Array<{ extensions?: { code?: unknown } }> };
    return body.errors?.some((e) => e.extensions?.code === 'UNAUTHENTICATED') ?? false;
  } catch {
    return false;
  }
}

// The fetch urql uses: adds the access token, and when the API rejects it (expired, revoked)
// renews the session once and repeats the request, so a page never sees an expired token.
export function createAuthFetch(session: SessionManager): typeof fetch {
  // The global fetch at call time, not at creation: tests replace it.
  const baseFetch: typeof fetch = (input, init) => fetch(input, init);
  return async (input, init) => {
    const token = session.accessToken();
    const response = await baseFetch(input, withToken(init, token));
    if (token === null || !(await isUnauthenticated(response))) return response;
    const renewed = await session.renewAfterRejection(token);
    if (renewed === null) return response;
    return baseFetch(input, withToken(init, renewed));
  };
}
