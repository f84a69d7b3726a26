import { Alert, Button, Stack } from '@mantine/core';
import { useRouteError } from 'react-router';

// A screen that failed to load or to render: most often a chunk of an older deployment that is no
// longer on the server, which a reload fixes.
export function RouteError() {
  const error = useRouteError();
  const message = error instanceof Error ? error.message : 'An unexpected error occurred.';
  return (
    <Stack p="md" maw={640}>
      <Alert color="red" title="This page could not be shown." role="alert">
        {message}
      </Alert>
      <Button w="fit-content" onClick={() => window.location.reload()}>
        Reload the page
      </Button>
    </Stack>
  );
}
