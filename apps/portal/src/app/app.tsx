import '@mantine/core/styles.css';
import { MantineProvider } from '@mantine/core';
import { useState } from 'react';
import { createHashRouter, RouterProvider } from 'react-router';
import { ClockProvider, type Clock } from './clock';
import { routes } from './routes';
import type { SessionManager } from './session/session';
import { SessionProvider } from './session/session-context';
import { theme } from './theme';

const systemClock: Clock = () => new Date();

// Hash routes: the portal is static files behind any web server (or the API) with no rewrites.
export function App({ session, clock = systemClock }: { session: SessionManager; clock?: Clock }) {
  const [router] = useState(() => createHashRouter(routes));
  return (
    <MantineProvider theme={theme}>
      <ClockProvider clock={clock}>
        <SessionProvider session={session}>
          <RouterProvider router={router} />
        </SessionProvider>
      </ClockProvider>
    </MantineProvider>
  );
}
