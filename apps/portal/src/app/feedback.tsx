import { Alert, Center, Loader, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import type { ApiError } from './api/graphql-http';

export function Loading({ label }: { label: string }) {
  return (
    <Center py="lg" role="status" aria-live="polite">
      <Stack align="center" gap="xs">
        <Loader size="sm" aria-hidden />
        <Text c="dimmed" size="sm">
          {label}
        </Text>
      </Stack>
    </Center>
  );
}

// What failed (title) and why (the API's own words), plus what the user can do about it.
const ADVICE: Partial<Record<ApiError['code'], string>> = {
  NETWORK_ERROR: 'Check the connection; the page tries again when you reload it.',
  FORBIDDEN: 'Your role does not allow this. Ask an administrator if you need it.',
  NOT_FOUND: 'It may have been removed, or your account may not see it.',
  RATE_LIMITED: 'Wait a moment and try again.',
};

export function ErrorMessage({ error, title }: { error: ApiError; title: string }) {
  const advice = ADVICE[error.code];
  return (
    <Alert color="red" title={title} role="alert" variant="light">
      <Text size="sm">{error.message}</Text>
      {advice && (
        <Text size="sm" c="dimmed" mt={4}>
          {advice}
        </Text>
      )}
    </Alert>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return (
    <Text c="dimmed" py="md">
      {children}
    </Text>
  );
}
