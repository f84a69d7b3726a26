// A local copy of the machine states in shared-util-contracts: this lib stays self-contained so it
// can run anywhere (worker, edge agent, portal preview) without pulling in other libs.
export const MACHINE_STATES = ['running', 'idle', 'down', 'setup', 'planned_stop'] as const;
export type MachineState = (typeof MACHINE_STATES)[number];
