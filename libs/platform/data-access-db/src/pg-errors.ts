// A unique index violation as PostgreSQL reports it through pg (SQLSTATE 23505), for the plain pg
// transactions (Database.withSqlTransaction); Prisma reports its own as P2002.
export function isPgUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23505';
}
