import {
  GraphQLError,
  Kind,
  getNamedType,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type SelectionSetNode,
} from 'graphql';
import { getComplexity, type ComplexityEstimator } from 'graphql-query-complexity';
import type { ApolloServerPlugin } from '@apollo/server';
import { DEFAULT_PAGE_SIZE } from './connection';

export interface QueryLimits {
  maxDepth: number;
  maxCost: number;
}

// A mutation does real work (hashing, writes, audit): a request cannot hide many behind aliases.
export const MUTATION_FIELD_COST = 250;

// Field nesting, counting through fragments; introspection (__schema, __type) is not counted, so
// tools can read the schema wherever introspection is enabled.
export function queryDepth(document: DocumentNode, operationName?: string | null): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions)
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  const depthOf = (set: SelectionSetNode | undefined, seen: ReadonlySet<string>): number => {
    let deepest = 0;
    for (const selection of set?.selections ?? []) {
      if (selection.kind === Kind.FIELD) {
        if (selection.name.value.startsWith('__')) continue;
        deepest = Math.max(deepest, 1 + depthOf(selection.selectionSet, seen));
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        deepest = Math.max(deepest, depthOf(selection.selectionSet, seen));
      } else if (!seen.has(selection.name.value)) {
        const fragment = fragments.get(selection.name.value);
        deepest = Math.max(
          deepest,
          depthOf(fragment?.selectionSet, new Set([...seen, selection.name.value])),
        );
      }
    }
    return deepest;
  };
  const operation = document.definitions.find(
    (d) => d.kind === Kind.OPERATION_DEFINITION && (!operationName || d.name?.value === operationName),
  );
  return operation?.kind === Kind.OPERATION_DEFINITION ? depthOf(operation.selectionSet, new Set()) : 0;
}

// Each field costs 1 plus what it selects; a connection costs what one node selects times the page
// size it asks for, so the estimate grows with the rows the query could return.
const estimate: ComplexityEstimator = ({ type, field, args, childComplexity }) => {
  if (type.name === 'Mutation') return MUTATION_FIELD_COST + childComplexity;
  if (getNamedType(field.type).name.endsWith('Connection')) {
    const first = typeof args['first'] === 'number' ? args['first'] : DEFAULT_PAGE_SIZE;
    return 1 + first * childComplexity;
  }
  return 1 + childComplexity;
};

export function queryCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown>,
  operationName?: string | null,
): number {
  return getComplexity({
    schema,
    query: document,
    variables,
    estimators: [estimate],
    ...(operationName ? { operationName } : {}),
  });
}

// The first limit an operation breaks, as the error to answer with (HTTP status 400 over HTTP).
export function limitError(
  limits: QueryLimits,
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown>,
  operationName?: string | null,
  http = true,
): GraphQLError | undefined {
  const refuse = (code: string, message: string, details: Record<string, number>) =>
    new GraphQLError(message, {
      extensions: { code, ...details, ...(http ? { http: { status: 400 } } : {}) },
    });
  const depth = queryDepth(document, operationName);
  if (depth > limits.maxDepth)
    return refuse(
      'QUERY_TOO_DEEP',
      `the query nests ${depth} levels deep; the limit is ${limits.maxDepth}: split it into several queries`,
      { depth, maxDepth: limits.maxDepth },
    );
  const cost = queryCost(schema, document, variables, operationName);
  if (cost > limits.maxCost)
    return refuse(
      'QUERY_TOO_COMPLEX',
      `the query could cost ${cost} points; the limit is ${limits.maxCost}: ask for smaller pages ("first") or fewer fields`,
      { cost, maxCost: limits.maxCost },
    );
  return undefined;
}

// Checked once the operation is parsed and validated, before any resolver runs.
export function queryLimitsPlugin(limits: QueryLimits): ApolloServerPlugin {
  return {
    requestDidStart: () =>
      Promise.resolve({
        didResolveOperation: ({ document, schema, request, operationName }) => {
          const error = limitError(limits, schema, document, request.variables ?? {}, operationName);
          if (error) throw error;
          return Promise.resolve();
        },
      }),
  };
}
