import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import { SessionManager } from './app/session/session';
import { apiSessionTransport } from './app/session/session-transport';

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');

// One session for the tab: the access token lives here, in memory; a reload restores it from
// the refresh cookie.
const session = new SessionManager(apiSessionTransport);
void session.restore();

createRoot(container).render(
  <StrictMode>
    <App session={session} />
  </StrictMode>,
);
