import { Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { PageTitle } from '../shell/page-title';
import { AdminOnly } from './admin-only';

// Every administration screen: its title, what it is for, and its content for admins only.
export function AdminPage({
  title,
  intro,
  children,
}: {
  title: string;
  intro?: string;
  children: ReactNode;
}) {
  return (
    <Stack>
      <PageTitle>{title}</PageTitle>
      {intro && (
        <Text c="dimmed" size="sm" maw={640}>
          {intro}
        </Text>
      )}
      <AdminOnly>{children}</AdminOnly>
    </Stack>
  );
}
