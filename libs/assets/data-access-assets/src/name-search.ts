// A case-insensitive "contains" filter. Prisma passes `contains` into LIKE as is, so a searched
// % or _ is escaped to match itself.
export function nameContains(text: string): { contains: string; mode: 'insensitive' } {
  return { contains: text.replace(/[\\%_]/g, '\\$&'), mode: 'insensitive' };
}
