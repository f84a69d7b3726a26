import { useEffect, useMemo, type ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { Provider } from 'urql';
import { createPortalClient } from '../api/client';
import { Loading } from '../feedback';
import type { Session } from './session';
import { useSessionManager, useSessionState } from './session-context';
import { signInPath } from './next-path';

// The signed-in part of the portal. Without a session it goes to sign-in, remembering the page
// unless the user signed out on purpose; each sign-in gets a fresh GraphQL client, so one user's
// cached answers never show to the next.
export function RequireSession({ children }: { children: (session: Session) => ReactNode }) {
  const manager = useSessionManager();
  const state = useSessionState();
  const location = useLocation();
  const epoch = state.status === 'signed-in' ? state.epoch : null;
  const client = useMemo(() => (epoch === null ? null : createPortalClient(manager)), [epoch, manager]);
  useEffect(() => () => client?.dispose(), [client]);

  if (state.status === 'restoring') return <Loading label="Checking your session…" />;
  if (state.status === 'signed-out' || !client) {
    const here = `${location.pathname}${location.search}`;
    const reason = state.status === 'signed-out' ? state.reason : 'none';
    return <Navigate to={signInPath(reason === 'signed-out' ? null : here)} replace />;
  }
  return <Provider value={client.urql}>{children(state.session)}</Provider>;
}
