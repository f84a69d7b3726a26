// Hash routes, so the portal is static files behind any web server with no rewrite rules.
export type Route =
  | { name: 'sign-in'; next: ProtectedRoute | null }
  | { name: 'overview' }
  | { name: 'machine'; machineId: string }
  | { name: 'not-found'; path: string };

export type ProtectedRoute = Exclude<Route, { name: 'sign-in' }>;

function decode(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

// Accepts "#/machines/42", "/machines/42" or "" (the overview).
export function parseRoute(hash: string): Route {
  const raw = hash.startsWith('#') ? hash.slice(1) : hash;
  const queryAt = raw.indexOf('?');
  const path = queryAt === -1 ? raw : raw.slice(0, queryAt);
  const query = new URLSearchParams(queryAt === -1 ? '' : raw.slice(queryAt + 1));
  const segments = path.split('/').filter((s) => s !== '');

  if (segments.length === 0) return { name: 'overview' };
  if (segments.length === 1 && segments[0] === 'sign-in') {
    const nextPath = query.get('next');
    const next = nextPath === null ? null : parseRoute(nextPath);
    // Only a page inside the portal is a place to come back to; anything else is dropped.
    return {
      name: 'sign-in',
      next: next && next.name !== 'sign-in' && next.name !== 'not-found' ? next : null,
    };
  }
  if (segments.length === 2 && segments[0] === 'machines') {
    const machineId = decode(segments[1] ?? '');
    if (machineId) return { name: 'machine', machineId };
  }
  return { name: 'not-found', path };
}

export function routePath(route: Route): string {
  switch (route.name) {
    case 'overview':
      return '/';
    case 'machine':
      return `/machines/${encodeURIComponent(route.machineId)}`;
    case 'sign-in':
      return route.next ? `/sign-in?next=${encodeURIComponent(routePath(route.next))}` : '/sign-in';
    case 'not-found':
      return route.path;
  }
}

export function routeHref(route: Route): string {
  return `#${routePath(route)}`;
}
