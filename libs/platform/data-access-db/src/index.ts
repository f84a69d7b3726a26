export { Database, SqlTransaction } from './database';
export type { DatabaseOptions, TenantTx } from './database';
export { poolConfigFromUrl } from './connection-options';
export {
  AssetKind,
  Role,
  GatewayStatus,
  GatewayCommandStatus,
  Granularity,
  LossClass,
  Severity,
  AlarmState,
  PlatformRole,
  TenantStatus,
} from './generated/prisma';
export type { Prisma } from './generated/prisma';
export { recordAudit, type AuditActor, type AuditRecord } from './audit';
export { pagedQuery, prismaPage, type PageRequest, type Paged } from './page';
export { columnArrayLiterals, numberArrayLiteral, textArrayLiteral } from './array-literal';
export type { ArrayElementKind } from './array-literal';
export { writeNewFirst, type ConflictMode } from './write-new-first';
