import { graphQlError, mockGraphQl, sentRequest } from '../spec-helpers';
import { ApiError, graphqlRequest } from './graphql-http';
import { assetKpisQuery } from './operations';

const query = assetKpisQuery;
const vars = {
  assetId: '7',
  from: '2026-01-01T00:00:00Z',
  to: '2026-01-01T01:00:00Z',
  granularity: 'HOUR' as const,
};

async function failure(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('expected the request to fail');
}

describe('graphqlRequest', () => {
  it('posts the document with the bearer token and returns the checked data', async () => {
    const fetchMock = mockGraphQl({ AssetKpis: () => ({ data: { assetKpis: [] } }) });

    await expect(graphqlRequest(query, vars, { token: 'abc' })).resolves.toEqual({ assetKpis: [] });

    const sent = sentRequest(fetchMock);
    expect(fetchMock.mock.calls[0]?.[0]).toBe('/graphql');
    expect(sent.headers.get('authorization')).toBe('Bearer abc');
    expect(sent.variables).toEqual(vars);
    expect(sent.operationName).toBe('AssetKpis');
    expect(sent.query).toMatch(/assetKpis: kpis\(\s*assetId: \$assetId/);
  });

  it('sends no authorization header without a token', async () => {
    const fetchMock = mockGraphQl({ AssetKpis: () => ({ data: { assetKpis: [] } }) });
    await graphqlRequest(query, vars);
    expect(sentRequest(fetchMock).headers.has('authorization')).toBe(false);
  });

  it('throws the first GraphQL error with its code and message', async () => {
    mockGraphQl({ AssetKpis: () => graphQlError('FORBIDDEN', 'you may not see this site') });
    const error = await failure(graphqlRequest(query, vars));
    expect(error.code).toBe('FORBIDDEN');
    expect(error.message).toBe('you may not see this site');
  });

  it('keeps a code it does not know as the server code', async () => {
    mockGraphQl({ AssetKpis: () => graphQlError('GRAPHQL_VALIDATION_FAILED', 'Cannot query field "ping"') });
    const error = await failure(graphqlRequest(query, vars));
    expect(error.code).toBe('SERVER_ERROR');
    expect(error.serverCode).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('rejects an answer without data', async () => {
    mockGraphQl({ AssetKpis: () => ({ data: null }) });
    expect((await failure(graphqlRequest(query, vars))).code).toBe('BAD_RESPONSE');
  });

  it('reports an unreachable server as a network error', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(() => Promise.reject(new TypeError('Failed to fetch'))),
    );
    expect((await failure(graphqlRequest(query, vars))).code).toBe('NETWORK_ERROR');
  });

  it('reports a non-GraphQL error page by its status', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(() => Promise.resolve(new Response('Internal Server Error', { status: 500 }))),
    );
    const error = await failure(graphqlRequest(query, vars));
    expect(error.code).toBe('SERVER_ERROR');
    expect(error.message).toContain('500');
  });

  it('treats a gateway error (API down behind the proxy) as unreachable', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(() => Promise.resolve(new Response('', { status: 502 }))),
    );
    const error = await failure(graphqlRequest(query, vars));
    expect(error.code).toBe('NETWORK_ERROR');
    expect(error.message).toContain('502');
  });
});
