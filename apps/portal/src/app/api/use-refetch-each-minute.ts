import { useEffect, useRef } from 'react';
import type { UseQueryExecute } from 'urql';
import { useNow } from '../clock';

// Asks a query again from the network every minute: figures "so far" and states that turn unknown
// after a silence change without any event to say so.
export function useRefetchEachMinute(reexecute: UseQueryExecute): void {
  const minute = useNow().getTime();
  const askedAt = useRef(minute);
  useEffect(() => {
    if (askedAt.current === minute) return;
    askedAt.current = minute;
    reexecute({ requestPolicy: 'network-only' });
  }, [minute, reexecute]);
}
