// A page of a list: `take` rows after the row whose id is `afterId` (keyset, not offset, so a page
// stays right while rows are added before it). Stores fetch take + 1 rows to tell whether more follow.
export interface PageRequest {
  take: number;
  afterId: string | null;
}

export interface Paged<T> {
  rows: T[];
  totalCount: number;
}

// The findMany arguments for a page; the caller's orderBy must end with the id to be total.
export function prismaPage(request: PageRequest): { take: number; cursor?: { id: string }; skip?: number } {
  return request.afterId
    ? { take: request.take + 1, cursor: { id: request.afterId }, skip: 1 }
    : { take: request.take + 1 };
}

// A page and the total of the same filter, read together in the caller's transaction.
export async function pagedQuery<T>(
  request: PageRequest,
  rows: (page: ReturnType<typeof prismaPage>) => Promise<T[]>,
  count: () => Promise<number>,
): Promise<Paged<T>> {
  const [found, totalCount] = await Promise.all([rows(prismaPage(request)), count()]);
  return { rows: found, totalCount };
}
