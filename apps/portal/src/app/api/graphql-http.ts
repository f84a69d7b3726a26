import type { ErrorCode } from '@convergent/shared-util-contracts';
import { getOperationName, stringifyDocument, type CombinedError, type TypedDocumentNode } from '@urql/core';
import * as z from 'zod/mini';

// A type-only import keeps the contracts' device schemas (and full zod) out of the bundle; the
// Record makes this file fail to compile until a code added to the contracts is listed here.
const SERVER_ERROR_CODES: Record<ErrorCode, true> = {
  UNAUTHENTICATED: true,
  FORBIDDEN: true,
  NOT_FOUND: true,
  BAD_USER_INPUT: true,
  CONFLICT: true,
  LIMIT_REACHED: true,
  RATE_LIMITED: true,
};

// What the client adds to the API's own codes: the request never got an answer, the answer was
// not a GraphQL response of the expected shape, or the server failed in a way it did not name.
export type ClientErrorCode = 'NETWORK_ERROR' | 'BAD_RESPONSE' | 'SERVER_ERROR';
export type ApiErrorCode = ErrorCode | ClientErrorCode;

export class ApiError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    // The server's extensions.code as sent, also when it is not one of ours (e.g. GRAPHQL_PARSE_FAILED).
    readonly serverCode: string | null = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export interface RequestOptions {
  token?: string | null;
  signal?: AbortSignal;
  endpoint?: string;
  headers?: Record<string, string>;
}

const responseSchema = z.object({
  data: z.optional(z.unknown()),
  errors: z.optional(
    z.array(
      z.object({
        message: z.string(),
        extensions: z.optional(z.object({ code: z.optional(z.string()) })),
      }),
    ),
  ),
});

function isErrorCode(code: string | undefined): code is ErrorCode {
  return code !== undefined && Object.hasOwn(SERVER_ERROR_CODES, code);
}

function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

// One request outside urql: the session's own operations (sign-in, refresh, sign-out), which carry
// the refresh cookie and the anti-CSRF header instead of a bearer token.
export async function graphqlRequest<TData, TVariables>(
  document: TypedDocumentNode<TData, TVariables>,
  variables: TVariables,
  { token, signal, endpoint = '/graphql', headers: extraHeaders = {} }: RequestOptions = {},
): Promise<TData> {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    accept: 'application/graphql-response+json, application/json',
    ...extraHeaders,
  };
  if (token) headers['authorization'] = `Bearer ${token}`;
  const operationName = getOperationName(document) ?? 'anonymous';

  let response: Response;
  try {
    response = await fetch(endpoint, {
      method: 'POST',
      headers,
      body: JSON.stringify({ operationName, query: stringifyDocument(document), variables }),
      credentials: 'same-origin',
      signal: signal ?? null,
    });
  } catch (error) {
    // Aborts are the caller's own doing (a page was left); they stay what they are.
    if (isAbort(error)) throw error;
    throw new ApiError('NETWORK_ERROR', 'The server cannot be reached. Check the connection and try again.');
  }

  // GraphQL over HTTP answers errors with 200 or 4xx and a JSON body, so the body decides, not
  // the status; only a body that is not GraphQL at all falls back to the status.
  let body: unknown;
  try {
    body = await response.json();
  } catch (error) {
    if (isAbort(error)) throw error;
    // What a proxy or load balancer says when the API behind it is down or restarting.
    if (response.status === 502 || response.status === 503 || response.status === 504) {
      throw new ApiError(
        'NETWORK_ERROR',
        `The server cannot be reached (HTTP ${response.status}). Try again in a moment.`,
      );
    }
    throw new ApiError(
      response.ok ? 'BAD_RESPONSE' : 'SERVER_ERROR',
      `The server answered with HTTP ${response.status} and no GraphQL response.`,
    );
  }
  const parsed = responseSchema.safeParse(body);
  if (!parsed.success) {
    throw new ApiError(
      'BAD_RESPONSE',
      `The server answered with HTTP ${response.status} and an unexpected body.`,
    );
  }

  const first = parsed.data.errors?.[0];
  if (first) {
    const serverCode = first.extensions?.code;
    throw new ApiError(
      isErrorCode(serverCode) ? serverCode : 'SERVER_ERROR',
      first.message,
      serverCode ?? null,
    );
  }

  // The shape is the schema's (generated types); only a missing data object is caught here.
  if (parsed.data.data === null || typeof parsed.data.data !== 'object') {
    throw new ApiError('BAD_RESPONSE', `The answer to ${operationName} had no data.`);
  }
  return parsed.data.data as TData;
}

export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  return new ApiError('SERVER_ERROR', error instanceof Error ? error.message : 'Something went wrong.');
}

// urql's CombinedError in the same terms as graphqlRequest's errors, so pages show one kind.
export function apiErrorFromUrql(error: CombinedError): ApiError {
  const first = error.graphQLErrors[0];
  if (first) {
    const raw = first.extensions['code'];
    const serverCode = typeof raw === 'string' ? raw : undefined;
    return new ApiError(
      isErrorCode(serverCode) ? serverCode : 'SERVER_ERROR',
      first.message,
      serverCode ?? null,
    );
  }
  return new ApiError('NETWORK_ERROR', 'The server cannot be reached. Check the connection and try again.');
}
