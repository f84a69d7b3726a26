import { AppShell, Burger, Button, Group, NavLink, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Link, Outlet, useLocation } from 'react-router';
import type { Session } from '../session/session';
import { useSessionManager } from '../session/session-context';
import { navItemsFor } from './navigation';
import { SkipLink } from './skip-link';

function isCurrent(to: string, pathname: string): boolean {
  if (to === '/') return pathname === '/' || pathname.startsWith('/assets/');
  return pathname === to || pathname.startsWith(`${to}/`);
}

// Header with the user and sign-out, navigation beside the page on wide screens and behind a
// menu button on phones.
export function AppLayout({ session }: { session: Session }) {
  const [opened, { toggle, close }] = useDisclosure(false);
  const manager = useSessionManager();
  const { pathname } = useLocation();
  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 220, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="md"
    >
      <AppShell.Header>
        <SkipLink />
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label={opened ? 'Close navigation' : 'Open navigation'}
            />
            <Text component={Link} to="/" fw={700} fz="lg" c="inherit" td="none">
              Convergent
            </Text>
          </Group>
          <Group gap="sm" wrap="nowrap">
            <Text size="sm" visibleFrom="xs" truncate>
              {session.userName}{' '}
              <Text span c="dimmed" size="sm">
                ({session.tenantName}, {session.role})
              </Text>
            </Text>
            <Button variant="default" size="xs" onClick={() => void manager.signOut()}>
              Sign out
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" component="nav" aria-label="Main">
        {/* On a phone the header has no room for who is signed in; the menu says it. */}
        <Text size="sm" c="dimmed" px="sm" pb="xs" hiddenFrom="xs">
          {session.userName} ({session.tenantName}, {session.role})
        </Text>
        {navItemsFor(session.role).map((item) => (
          <NavLink
            key={item.to}
            component={Link}
            to={item.to}
            label={item.label}
            active={isCurrent(item.to, pathname)}
            aria-current={isCurrent(item.to, pathname) ? 'page' : undefined}
            onClick={close}
          />
        ))}
      </AppShell.Navbar>
      <AppShell.Main id="main">
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
