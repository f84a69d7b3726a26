import { parseRoute, routeHref, type Route } from './route';

describe('routes', () => {
  it.each<[string, Route]>([
    ['', { name: 'overview' }],
    ['#/', { name: 'overview' }],
    ['#/machines/m%2F1', { name: 'machine', machineId: 'm/1' }],
    ['#/sign-in', { name: 'sign-in', next: null }],
    ['#/sign-in?next=%2Fmachines%2Fm1', { name: 'sign-in', next: { name: 'machine', machineId: 'm1' } }],
    ['#/nowhere', { name: 'not-found', path: '/nowhere' }],
  ])('parses %s', (hash, route) => {
    expect(parseRoute(hash)).toEqual(route);
  });

  it('round-trips through the href', () => {
    const route: Route = { name: 'sign-in', next: { name: 'machine', machineId: 'a b/c' } };
    expect(parseRoute(routeHref(route))).toEqual(route);
  });

  it('does not come back to sign-in or to nowhere after signing in', () => {
    expect(parseRoute('#/sign-in?next=%2Fsign-in')).toEqual({ name: 'sign-in', next: null });
    expect(parseRoute('#/sign-in?next=%2Fnowhere')).toEqual({ name: 'sign-in', next: null });
  });
});
