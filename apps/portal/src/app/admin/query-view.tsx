import { Text } from '@mantine/core';
import type { ReactNode } from 'react';
import type { CombinedError } from 'urql';
import { apiErrorFromUrql } from '../api/graphql-http';
import { Empty, ErrorMessage, Loading } from '../feedback';
import { zoneLabel, type ViewerZone } from './viewer-zone';

// Dates and times in table cells stay on one line; the table scrolls sideways on a phone instead.
export const NO_WRAP = { whiteSpace: 'nowrap' } as const;

// One list's loading, error and empty states, said the same way on every administration page.
export function QueryView<T>({
  result,
  what,
  empty,
  children,
}: {
  result: { data?: T[] | undefined; error?: CombinedError | undefined };
  what: string;
  empty: string;
  children: (rows: T[]) => ReactNode;
}) {
  if (result.error)
    return <ErrorMessage title={`The ${what} could not be loaded.`} error={apiErrorFromUrql(result.error)} />;
  if (!result.data) return <Loading label={`Loading the ${what}…`} />;
  if (result.data.length === 0) return <Empty>{empty}</Empty>;
  return <>{children(result.data)}</>;
}

export function ZoneNote({ zone }: { zone: ViewerZone }) {
  return (
    <Text size="xs" c="dimmed">
      {zoneLabel(zone)}
    </Text>
  );
}
