import { Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import type { TypedDocumentNode } from 'urql';
import { useConnectionPages, type ConnectionPage } from '../api/use-connection-pages';
import { LoadMore } from '../load-more';
import { PageTitle } from '../shell/page-title';
import { AdminOnly } from './admin-only';
import { QueryView } from './query-view';

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

export const ADMIN_PAGE_SIZE = 100;
const NO_VARIABLES = {};

type PagedQuery<Data> = TypedDocumentNode<Data, { first: number; after?: string | null }>;

// The shape of the administration pages: a form that adds one item, then every item in pages with
// "load more". Both get `reload`, which asks again for the pages shown once something changed.
// `select` picks the connection out of the answer and must be defined outside the component.
export function AdminListAndCreate<Data, Node>({
  query,
  select,
  createTitle,
  creator,
  listTitle,
  what,
  empty,
  children,
}: {
  query: PagedQuery<Data>;
  select: (data: Data) => ConnectionPage<Node>;
  createTitle: string;
  creator: (reload: () => void) => ReactNode;
  listTitle: string;
  what: string;
  empty: string;
  children: (rows: Node[], reload: () => void) => ReactNode;
}) {
  const list = useConnectionPages(query, NO_VARIABLES, select, ADMIN_PAGE_SIZE);
  return (
    <>
      <Title order={2} size="h3">
        {createTitle}
      </Title>
      {creator(list.reload)}
      <Title order={2} size="h3">
        {listTitle}
      </Title>
      <QueryView
        result={{ data: list.nodes, error: list.nodes ? undefined : list.error }}
        what={what}
        empty={empty}
      >
        {(rows) => (
          <>
            {children(rows, list.reload)}
            <LoadMore list={list} what={what} />
          </>
        )}
      </QueryView>
    </>
  );
}
