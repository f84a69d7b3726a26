import { createContext, useContext, useSyncExternalStore, type ReactNode } from 'react';
import type { SessionManager, SessionState } from './session';

const SessionContext = createContext<SessionManager | null>(null);

export function SessionProvider({ session, children }: { session: SessionManager; children: ReactNode }) {
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

export function useSessionManager(): SessionManager {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSessionManager outside SessionProvider');
  return session;
}

export function useSessionState(): SessionState {
  const session = useSessionManager();
  return useSyncExternalStore(session.subscribe, session.getState);
}
