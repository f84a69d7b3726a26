import * as z from 'zod/mini';
import { ApiError, graphqlRequest, operation } from './graphql-client';
import { graphQlError, mockGraphQl, sentRequest } from './spec-helpers';

const ping = operation<{ id: string }>()(
  'Ping',
  'query Ping($id: ID!) { ping(id: $id) }',
  z.object({ ping: z.string() }),
);

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
    const fetchMock = mockGraphQl({ Ping: () => ({ data: { ping: 'pong' } }) });

    await expect(graphqlRequest(ping, { id: '7' }, { token: 'abc' })).resolves.toEqual({ ping: 'pong' });

    const sent = sentRequest(fetchMock);
    expect(fetchMock.mock.calls[0]?.[0]).toBe('/graphql');
    expect(sent.headers.get('authorization')).toBe('Bearer abc');
    expect(sent.variables).toEqual({ id: '7' });
    expect(sent.operationName).toBe('Ping');
  });

  it('sends no authorization header without a token', async () => {
    const fetchMock = mockGraphQl({ Ping: () => ({ data: { ping: 'pong' } }) });
    await graphqlRequest(ping, { id: '7' });
    expect(sentRequest(fetchMock).headers.has('authorization')).toBe(false);
  });

  it('throws the first GraphQL error with its code and message', async () => {
    mockGraphQl({ Ping: () => graphQlError('FORBIDDEN', 'you may not see this site') });
    const error = await failure(graphqlRequest(ping, { id: '7' }));
    expect(error.code).toBe('FORBIDDEN');
    expect(error.message).toBe('you may not see this site');
  });

  it('keeps a code it does not know as the server code', async () => {
    mockGraphQl({ Ping: () => graphQlError('GRAPHQL_VALIDATION_FAILED', 'Cannot query field "ping"') });
    const error = await failure(graphqlRequest(ping, { id: '7' }));
    expect(error.code).toBe('SERVER_ERROR');
    expect(error.serverCode).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('rejects data of the wrong shape', async () => {
    mockGraphQl({ Ping: () => ({ data: { ping: 42 } }) });
    expect((await failure(graphqlRequest(ping, { id: '7' }))).code).toBe('BAD_RESPONSE');
  });

  it('reports an unreachable server as a network error', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(() => Promise.reject(new TypeError('Failed to fetch'))),
    );
    expect((await failure(graphqlRequest(ping, { id: '7' }))).code).toBe('NETWORK_ERROR');
  });

  it('reports a non-GraphQL error page by its status', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(() => Promise.resolve(new Response('Internal Server Error', { status: 500 }))),
    );
    const error = await failure(graphqlRequest(ping, { id: '7' }));
    expect(error.code).toBe('SERVER_ERROR');
    expect(error.message).toContain('500');
  });

  it('treats a gateway error (API down behind the proxy) as unreachable', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(() => Promise.resolve(new Response('', { status: 502 }))),
    );
    const error = await failure(graphqlRequest(ping, { id: '7' }));
    expect(error.code).toBe('NETWORK_ERROR');
    expect(error.message).toContain('502');
  });
});
