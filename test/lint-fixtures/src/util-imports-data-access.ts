// Deliberately wrong (see test/e2e/src/module-boundaries.spec.ts): a universal util lib reaching
// for a node data-access lib and for the Prisma client.
import { Database } from '@convergent/platform-data-access-db';
import { PrismaClient } from '@prisma/client';

export const forbidden = [Database, PrismaClient];
