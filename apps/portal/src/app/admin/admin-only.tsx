import { Alert } from '@mantine/core';
import type { ReactNode } from 'react';
import { useSessionState } from '../session/session-context';

// The menu hides administration from other roles; someone who types the address learns why
// there is nothing here instead of meeting a wall of refused requests.
export function AdminOnly({ children }: { children: ReactNode }) {
  const state = useSessionState();
  const role = state.status === 'signed-in' ? state.session.role : null;
  if (role !== 'admin') {
    return (
      <Alert color="gray" title="Administration is for administrators">
        Your role ({role ?? 'signed out'}) may not use the administration screens. Ask an administrator of
        your organisation if you need a change.
      </Alert>
    );
  }
  return <>{children}</>;
}
