import { useCallback, useEffect, useRef, useState } from 'react';
import { useClient, type AnyVariables, type CombinedError, type TypedDocumentNode } from 'urql';

// One page of a GraphQL connection, as the API sends every list.
export interface ConnectionPage<Node> {
  totalCount?: number;
  pageInfo: { hasNextPage: boolean; endCursor?: string | null };
  edges: readonly { node: Node }[];
}

export interface ConnectionPages<Node> {
  // undefined until the first page arrives.
  nodes: Node[] | undefined;
  totalCount: number | null;
  hasNextPage: boolean;
  loading: boolean;
  error: CombinedError | undefined;
  loadMore: () => void;
  // Asks again for as many pages as are shown (after a change, or a live event).
  reload: () => void;
}

interface Loaded<Node> {
  nodes: Node[] | undefined;
  pages: number;
  totalCount: number | null;
  endCursor: string | null;
  hasNextPage: boolean;
  loading: boolean;
  error: CombinedError | undefined;
}

const NOTHING: Loaded<never> = {
  nodes: undefined,
  pages: 0,
  totalCount: null,
  endCursor: null,
  hasNextPage: false,
  loading: true,
  error: undefined,
};

type PagingVariables = { first: number; after?: string | null };

// A list longer than one page: pages accumulate under "load more". `select` picks the
// connection out of the answer and must be stable (defined outside the component); new
// variables start again from the first page, showing nothing of the old list meanwhile.
export function useConnectionPages<Data, Variables extends AnyVariables & PagingVariables, Node>(
  query: TypedDocumentNode<Data, Variables>,
  variables: Omit<Variables, 'first' | 'after'>,
  select: (data: Data) => ConnectionPage<Node> | null | undefined,
  pageSize: number,
): ConnectionPages<Node> {
  const client = useClient();
  const [loaded, setLoaded] = useState<Loaded<Node>>(NOTHING);
  const current = useRef(loaded);
  current.current = loaded;
  const generation = useRef(0);
  const variablesKey = JSON.stringify(variables);

  const load = useCallback(
    async (from: Loaded<Node>, pages: number, keepShown: boolean) => {
      const mine = ++generation.current;
      setLoaded((l) => (keepShown ? { ...l, loading: true, error: undefined } : NOTHING));
      let next = from;
      for (let page = 0; page < pages && (page === 0 || next.hasNextPage); page += 1) {
        const result = await client
          .query(
            query,
            { ...(JSON.parse(variablesKey) as object), first: pageSize, after: next.endCursor } as Variables,
            { requestPolicy: 'network-only' },
          )
          .toPromise();
        // An answer for variables that have since changed, or overtaken by a reload, is dropped.
        if (mine !== generation.current) return;
        const connection = result.data ? select(result.data) : null;
        if (result.error || !connection) {
          setLoaded((l) => ({ ...l, loading: false, error: result.error }));
          return;
        }
        next = {
          nodes: [...(next.nodes ?? []), ...connection.edges.map((e) => e.node)],
          pages: next.pages + 1,
          totalCount: connection.totalCount ?? null,
          endCursor: connection.pageInfo.endCursor ?? null,
          hasNextPage: connection.pageInfo.hasNextPage,
          loading: true,
          error: undefined,
        };
      }
      setLoaded({ ...next, loading: false });
    },
    [client, query, variablesKey, select, pageSize],
  );

  useEffect(() => {
    void load(NOTHING, 1, false);
  }, [load]);

  const loadMore = useCallback(() => void load(current.current, 1, true), [load]);
  const reload = useCallback(() => void load(NOTHING, Math.max(1, current.current.pages), true), [load]);
  return {
    nodes: loaded.nodes,
    totalCount: loaded.totalCount,
    hasNextPage: loaded.hasNextPage,
    loading: loaded.loading,
    error: loaded.error,
    loadMore,
    reload,
  };
}
