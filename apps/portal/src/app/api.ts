import { ApiError, graphqlRequest, type Operation } from './graphql-client';

// What a signed-in page uses to talk to the API: the token is added here, and an
// UNAUTHENTICATED answer (expired or revoked token) ends the session in one place.
export interface Api {
  request<TData, TVariables>(
    op: Operation<TData, TVariables>,
    variables: TVariables,
    signal?: AbortSignal,
  ): Promise<TData>;
}

export function createApi(token: string, onUnauthenticated: (error: ApiError) => void): Api {
  return {
    async request(op, variables, signal) {
      try {
        return await graphqlRequest(op, variables, { token, ...(signal ? { signal } : {}) });
      } catch (error) {
        if (error instanceof ApiError && error.code === 'UNAUTHENTICATED') onUnauthenticated(error);
        throw error;
      }
    },
  };
}
