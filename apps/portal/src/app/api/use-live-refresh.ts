import { useCallback, useEffect, useState } from 'react';
import { useClient, useSubscription, type AnyVariables, type TypedDocumentNode } from 'urql';
import { onReconnect } from './client';

// Counts live events of a subscription, and reconnections of the live connection (the events
// missed meanwhile are lost); a page adds the count to its query's context so it asks the API
// again (network-only) after each instead of patching rows itself.
export function useLiveRefresh<Data, Variables extends AnyVariables>(
  subscription: TypedDocumentNode<Data, Variables>,
  variables: Variables,
): number {
  const [events, setEvents] = useState(0);
  const handler = useCallback((_previous: number | undefined, _event: Data) => {
    setEvents((n) => n + 1);
    return 0;
  }, []);
  useSubscription({ query: subscription, variables }, handler);
  const client = useClient();
  useEffect(() => onReconnect(client, () => setEvents((n) => n + 1)), [client]);
  return events;
}
