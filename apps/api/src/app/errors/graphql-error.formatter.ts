import type { GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { DomainError, type ErrorCode } from '@convergent/shared-util-contracts';

function httpStatusOf(code: ErrorCode): number {
  switch (code) {
    case 'UNAUTHENTICATED':
      return 401;
    case 'FORBIDDEN':
      return 403;
    case 'NOT_FOUND':
      return 404;
    case 'BAD_USER_INPUT':
      return 400;
    case 'CONFLICT':
      return 409;
    case 'LIMIT_REACHED':
    case 'RATE_LIMITED':
      return 429;
  }
}

// The one place where errors become GraphQL errors: domain errors keep their code and message;
// GraphQL's own validation errors keep theirs; anything else is an internal error whose details
// (stack, SQL) are logged, never sent.
export function formatGraphqlError(
  formatted: GraphQLFormattedError,
  error: unknown,
  log: (error: unknown) => void,
): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  if (original instanceof DomainError) {
    return {
      message: original.message,
      path: formatted.path,
      extensions: { code: original.code, httpStatus: httpStatusOf(original.code), ...original.details },
    };
  }
  const code = formatted.extensions?.['code'];
  if (typeof code === 'string' && code !== 'INTERNAL_SERVER_ERROR') {
    // The limits' figures (depth, cost, ...) stay; the server's stack trace and HTTP hints do not.
    const { stacktrace: _stack, http: _http, ...details } = formatted.extensions ?? {};
    return {
      message: formatted.message,
      locations: formatted.locations,
      path: formatted.path,
      extensions: { ...details, code },
    };
  }
  log(original);
  return {
    message: 'internal error: it has been logged',
    path: formatted.path,
    extensions: { code: 'INTERNAL_SERVER_ERROR' },
  };
}
