import type { Role } from '../../gql/graphql';

// The main navigation. A new screen adds its route in routes.tsx and its entry here, with the
// roles that may use it (the API enforces the same; hiding only spares a dead end).
export interface NavItem {
  to: string;
  label: string;
  roles: readonly Role[] | 'all';
}

export const NAV_ITEMS: readonly NavItem[] = [
  { to: '/', label: 'Sites', roles: 'all' },
  { to: '/alarms', label: 'Alarms', roles: 'all' },
  { to: '/fleet', label: 'Fleet', roles: 'all' },
  { to: '/admin/users', label: 'Users', roles: ['admin'] },
  { to: '/admin/api-keys', label: 'API keys', roles: ['admin'] },
  { to: '/admin/products', label: 'Products', roles: ['admin'] },
  { to: '/admin/downtime-reasons', label: 'Downtime reasons', roles: ['admin'] },
  { to: '/admin/shift-calendars', label: 'Shift calendars', roles: ['admin'] },
  { to: '/admin/audit', label: 'Audit log', roles: ['admin'] },
];

export function navItemsFor(role: Role): NavItem[] {
  return NAV_ITEMS.filter((item) => item.roles === 'all' || item.roles.includes(role));
}

export function canProvision(role: Role): boolean {
  return role === 'admin' || role === 'technician';
}
