import { useMemo } from 'react';
import { useQuery } from 'urql';
import { apiErrorFromUrql, type ApiError } from '../api/graphql-http';
import { assetsQuery, type Asset } from '../api/operations';

export type AssetsState =
  { status: 'loading' } | { status: 'error'; error: ApiError } | { status: 'success'; assets: Asset[] };

// The assets the user may see, up to the API's page size of 100 (the navigation tree is built from
// them): the API applies site visibility, the portal never filters.
export function useAssets(): AssetsState {
  const [result] = useQuery({ query: assetsQuery });
  return useMemo((): AssetsState => {
    if (result.error) return { status: 'error', error: apiErrorFromUrql(result.error) };
    if (!result.data) return { status: 'loading' };
    return { status: 'success', assets: result.data.assets.edges.map((edge) => edge.node) };
  }, [result.data, result.error]);
}
