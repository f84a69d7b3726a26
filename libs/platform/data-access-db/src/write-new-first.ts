// How a write treats rows whose unique key is stored already: 'new' expects none (a stored one
// fails the statement with a unique violation), 'stored' handles them (ON CONFLICT).
export type ConflictMode = 'new' | 'stored';

// A unique index violation as PostgreSQL reports it through pg (SQLSTATE 23505); Prisma reports
// its own as P2002.
function isPgUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23505';
}

// A plain INSERT costs PostgreSQL about a third less per row than ON CONFLICT's speculative
// insertion, and stored rows are rare (a replayed message, a backfill run again): the write is
// tried as new and, only if a row is stored already, done again handling them. write must run its
// own transaction, so nothing of a failed first attempt stays.
export async function writeNewFirst<T>(write: (mode: ConflictMode) => Promise<T>): Promise<T> {
  try {
    return await write('new');
  } catch (error) {
    if (!isPgUniqueViolation(error)) throw error;
    return write('stored');
  }
}
