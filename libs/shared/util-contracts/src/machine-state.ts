// What a gateway may say about a machine. "unknown" is never sent: it is what the cloud
// concludes from silence (gateway offline, gaps), see KPI.md.
export const MACHINE_STATES = ['running', 'idle', 'down', 'setup', 'planned_stop'] as const;
export type MachineState = (typeof MACHINE_STATES)[number];

export const COUNTERS = ['produced', 'scrap', 'rework'] as const;
export type Counter = (typeof COUNTERS)[number];
