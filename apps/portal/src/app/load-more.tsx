import { Button, Group, Text } from '@mantine/core';
import { apiErrorFromUrql } from './api/graphql-http';
import type { ConnectionPages } from './api/use-connection-pages';
import { ErrorMessage } from './feedback';

// Under a paged list: how much of it is shown, and the button for the next page. A failed next
// page says so here and keeps the rows already shown.
export function LoadMore<Node>({ list, what }: { list: ConnectionPages<Node>; what: string }) {
  const shown = list.nodes?.length ?? 0;
  return (
    <>
      {list.error && list.nodes && (
        <ErrorMessage title={`More ${what} could not be loaded.`} error={apiErrorFromUrql(list.error)} />
      )}
      <Group gap="sm">
        <Text size="xs" c="dimmed">
          {list.totalCount === null ? `${shown} ${what}` : `${shown} of ${list.totalCount} ${what}`}
        </Text>
        {list.hasNextPage && (
          <Button variant="default" size="xs" onClick={list.loadMore} loading={list.loading}>
            Load more
          </Button>
        )}
      </Group>
    </>
  );
}
