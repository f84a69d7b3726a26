import { ArgsType, Field, Int, ObjectType } from '@nestjs/graphql';
import type { Type } from '@nestjs/common';
import { DomainError } from '@convergent/shared-util-contracts';
import type { PageRequest } from '@convergent/platform-data-access-db';

// The largest page any list returns; `first` above it is refused rather than silently cut, so a
// client never mistakes a short page for the end of the list.
export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 25;

@ArgsType()
export class PageArgs {
  @Field(() => Int, {
    nullable: true,
    description: `Page size: 1 to ${MAX_PAGE_SIZE} (default ${DEFAULT_PAGE_SIZE}).`,
  })
  first?: number | null;

  @Field(() => String, { nullable: true, description: "An edge's cursor: the page starts after it." })
  after?: string | null;
}

@ObjectType({ description: 'Where a page sits in its list (Relay cursor connections).' })
export class PageInfo {
  @Field()
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true, description: 'Pass as `after` to get the next page.' })
  endCursor!: string | null;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface Connection<T> {
  edges: Edge<T>[];
  pageInfo: PageInfo;
  totalCount: number;
}

// One GraphQL connection type per node type, named <Node>Connection / <Node>Edge.
export function ConnectionType<T>(node: Type<T>, description: string): Type<Connection<T>> {
  @ObjectType(`${node.name}Edge`)
  class EdgeType {
    @Field(() => String)
    cursor!: string;

    @Field(() => node)
    node!: T;
  }

  @ObjectType(`${node.name}Connection`, { description })
  class ConnectionClass {
    @Field(() => [EdgeType])
    edges!: Edge<T>[];

    @Field(() => PageInfo)
    pageInfo!: PageInfo;

    @Field(() => Int, { description: 'How many items the whole list has (all pages, same filters).' })
    totalCount!: number;
  }
  return ConnectionClass;
}

// Cursors are opaque to clients; inside they are the id of the last row of the page, so pages
// stay correct when rows are added before the cursor (no offsets).
export function encodeCursor(id: string): string {
  return Buffer.from(`id:${id}`, 'utf8').toString('base64url');
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function decodeCursor(cursor: string): string {
  const decoded = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!decoded.startsWith('id:') || !UUID.test(decoded.slice(3)))
    throw new DomainError('BAD_USER_INPUT', `"after" is not a cursor this API returned: "${cursor}"`);
  return decoded.slice(3);
}

export function pageRequest(args: PageArgs): PageRequest {
  const take = args.first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(take) || take < 1 || take > MAX_PAGE_SIZE)
    throw new DomainError(
      'BAD_USER_INPUT',
      `"first" must be between 1 and ${MAX_PAGE_SIZE}; it was ${take}`,
      {
        maxPageSize: MAX_PAGE_SIZE,
      },
    );
  return { take, afterId: args.after ? decodeCursor(args.after) : null };
}

// `rows` is what the store returned for the request: up to take + 1 rows after the cursor, the
// extra one only telling that there is a next page.
export function toConnection<T extends { id: string }>(
  rows: readonly T[],
  request: PageRequest,
  totalCount: number,
): Connection<T> {
  const page = rows.slice(0, request.take);
  const edges = page.map((node) => ({ cursor: encodeCursor(node.id), node }));
  return {
    edges,
    pageInfo: { hasNextPage: rows.length > request.take, endCursor: edges.at(-1)?.cursor ?? null },
    totalCount,
  };
}

// The same page cut out of a list already in memory (a DataLoader batch), in the list's order.
export function connectionFromArray<T extends { id: string }>(
  items: readonly T[],
  request: PageRequest,
): Connection<T> {
  const start = request.afterId ? items.findIndex((item) => item.id === request.afterId) + 1 : 0;
  if (request.afterId && start === 0)
    throw new DomainError('BAD_USER_INPUT', '"after" names an item that is not in this list');
  return toConnection(items.slice(start, start + request.take + 1), request, items.length);
}
