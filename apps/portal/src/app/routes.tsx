import type { RouteObject } from 'react-router';
import { NotFoundPage } from './pages/not-found-page';
import { SignInPage } from './pages/sign-in-page';
import { SitesPage } from './pages/sites-page';
import { RequireSession } from './session/require-session';
import { AppLayout } from './shell/app-layout';
import { RouteError } from './shell/route-error';

// Sign-in and the sites overview load with the first page; every other screen is its own chunk,
// fetched when it is first opened. A new screen is one entry here and one in shell/navigation.ts.
export const routes: RouteObject[] = [
  { path: '/sign-in', element: <SignInPage />, errorElement: <RouteError /> },
  {
    path: '/accept-invitation',
    errorElement: <RouteError />,
    lazy: async () => ({ Component: (await import('./pages/accept-invitation-page')).AcceptInvitationPage }),
  },
  {
    element: <RequireSession>{(session) => <AppLayout session={session} />}</RequireSession>,
    errorElement: <RouteError />,
    children: [
      { index: true, element: <SitesPage /> },
      {
        path: 'assets/:assetId',
        lazy: async () => ({ Component: (await import('./pages/asset-page')).AssetPage }),
      },
      {
        path: 'alarms',
        lazy: async () => ({ Component: (await import('./pages/alarms-page')).AlarmsPage }),
      },
      {
        path: 'fleet',
        lazy: async () => ({ Component: (await import('./pages/fleet-page')).FleetPage }),
      },
      {
        path: 'fleet/:gatewayId',
        lazy: async () => ({ Component: (await import('./pages/gateway-page')).GatewayPage }),
      },
      {
        path: 'admin/users',
        lazy: async () => ({ Component: (await import('./pages/admin-users-page')).AdminUsersPage }),
      },
      {
        path: 'admin/api-keys',
        lazy: async () => ({ Component: (await import('./pages/admin-api-keys-page')).AdminApiKeysPage }),
      },
      {
        path: 'admin/products',
        lazy: async () => ({ Component: (await import('./pages/admin-products-page')).AdminProductsPage }),
      },
      {
        path: 'admin/downtime-reasons',
        lazy: async () => ({
          Component: (await import('./pages/admin-downtime-reasons-page')).AdminDowntimeReasonsPage,
        }),
      },
      {
        path: 'admin/shift-calendars',
        lazy: async () => ({
          Component: (await import('./pages/admin-shift-calendars-page')).AdminShiftCalendarsPage,
        }),
      },
      {
        path: 'admin/audit',
        lazy: async () => ({ Component: (await import('./pages/admin-audit-page')).AdminAuditPage }),
      },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
];
