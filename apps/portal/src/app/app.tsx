import {
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
  type MouseEvent,
} from 'react';
import { createApi } from './api';
import { MachinePage } from './machine-page';
import type { AuthPayload } from './operations';
import { PlantOverviewPage } from './plant-overview-page';
import { parseRoute, routeHref, routePath, type Route } from './route';
import { clearSession, loadSession, saveSession, type Session } from './session';
import { SignInPage } from './sign-in-page';

function subscribeToHash(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

function currentHash(): string {
  return window.location.hash;
}

const TITLES: Record<Route['name'], string> = {
  'sign-in': 'Sign in',
  overview: 'Plant overview',
  machine: 'Machine',
  'not-found': 'Page not found',
};

// Where the address bar should be instead, if anywhere: a page that needs a session becomes
// sign-in and remembers the page; sign-in with a session goes on to that page.
function redirectFor(route: Route, session: Session | null): Route | null {
  if (!session && route.name !== 'sign-in') {
    return { name: 'sign-in', next: route.name === 'not-found' ? null : route };
  }
  if (session && route.name === 'sign-in') return route.next ?? { name: 'overview' };
  return null;
}

export function App() {
  const hash = useSyncExternalStore(subscribeToHash, currentHash);
  const [session, setSession] = useState<Session | null>(() => loadSession());
  const [notice, setNotice] = useState<string | null>(null);

  const endSession = useCallback((message: string) => {
    clearSession();
    setSession(null);
    setNotice(message);
  }, []);

  const api = useMemo(
    () =>
      session
        ? createApi(session.accessToken, () =>
            endSession('Your session has ended. Sign in again to continue.'),
          )
        : null,
    [session, endSession],
  );

  const requested = parseRoute(hash);
  const redirect = redirectFor(requested, session);
  const route = redirect ?? requested;
  const path = routePath(route);

  useEffect(() => {
    // replace, not assign: Back should not land on a page that only redirects again.
    if (redirect) window.location.replace(routeHref(redirect));
  });

  // Moving to another page moves focus to its heading, so a screen reader announces it.
  const mainRef = useRef<HTMLElement>(null);
  const shownPath = useRef(path);
  useEffect(() => {
    document.title = `${TITLES[route.name]} · Convergent`;
    if (shownPath.current === path) return;
    shownPath.current = path;
    mainRef.current?.querySelector<HTMLElement>('h1')?.focus();
  }, [path, route.name]);

  function onSignedIn(payload: AuthPayload): void {
    saveSession(payload);
    setSession(payload);
    setNotice(null);
  }

  function signOut(): void {
    // The hash first, so the redirect does not remember the page for the next user.
    window.location.hash = routePath({ name: 'sign-in', next: null });
    endSession('You have signed out.');
  }

  return (
    <>
      <a className="skip" href="#main" onClick={skipToMain}>
        Skip to content
      </a>
      {session && (
        <header className="top">
          <a className="brand" href={routeHref({ name: 'overview' })}>
            Convergent
          </a>
          <nav aria-label="Main">
            <a
              href={routeHref({ name: 'overview' })}
              aria-current={route.name === 'overview' ? 'page' : undefined}
            >
              Plant overview
            </a>
          </nav>
          <div className="who">
            <span>
              {session.userName}{' '}
              <span className="meta">
                ({session.tenantName}, {session.role})
              </span>
            </span>
            <button type="button" onClick={signOut}>
              Sign out
            </button>
          </div>
        </header>
      )}
      <main id="main" ref={mainRef}>
        {route.name === 'sign-in' || !api ? (
          <SignInPage notice={notice} onSignedIn={onSignedIn} />
        ) : route.name === 'overview' ? (
          <PlantOverviewPage api={api} />
        ) : route.name === 'machine' ? (
          <MachinePage key={route.machineId} api={api} machineId={route.machineId} />
        ) : (
          <>
            <h1 tabIndex={-1}>Page not found</h1>
            <p>
              There is nothing at this address.{' '}
              <a href={routeHref({ name: 'overview' })}>Go to the plant overview</a>.
            </p>
          </>
        )}
      </main>
    </>
  );
}

// "#main" is a route-shaped hash here, so the skip link moves focus itself instead of navigating.
function skipToMain(event: MouseEvent<HTMLAnchorElement>): void {
  event.preventDefault();
  document.querySelector<HTMLElement>('main h1')?.focus();
}
