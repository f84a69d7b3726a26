export { createTestDatabase } from './test-database';
export type { TestDatabase } from './test-database';
export { createTenantFixture } from './tenant-fixture';
export type { TenantFixture, TenantFixtureOptions } from './tenant-fixture';
export { ProcessSupervisor } from './process-supervisor';
export type { ManagedProcess, StartOptions } from './process-supervisor';
export { MachineEventWriter, eventually } from './machine-events';
