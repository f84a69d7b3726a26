import { useCallback, useState } from 'react';
import { useSubscription, type AnyVariables, type TypedDocumentNode } from 'urql';

// Counts live events of a subscription; a page adds the count to its query's context so it asks the
// API again (network-only) after each event instead of patching rows itself.
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
  return events;
}
