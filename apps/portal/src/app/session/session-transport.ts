import { graphqlRequest } from '../api/graphql-http';
import { refreshSessionMutation, signInMutation, signOutMutation } from '../api/operations';
import type { Session, SessionTransport } from './session';

// The API refuses a cookie-borne refresh without it: a cross-site page cannot set this header
// without a CORS preflight the API does not grant.
const CSRF_HEADERS = { 'x-convergent-csrf': '1' };

export const apiSessionTransport: SessionTransport = {
  async refresh() {
    const { refreshSession } = await graphqlRequest(refreshSessionMutation, {}, { headers: CSRF_HEADERS });
    return refreshSession;
  },
  async signOut() {
    await graphqlRequest(signOutMutation, {}, { headers: CSRF_HEADERS });
  },
};

export async function signInWithPassword(email: string, password: string): Promise<Session> {
  const { login } = await graphqlRequest(signInMutation, { email, password });
  return login;
}
