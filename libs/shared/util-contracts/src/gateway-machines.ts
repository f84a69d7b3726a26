import { z } from 'zod';
import { COUNTERS } from './machine-state';
import { stateMessageSchema } from './device-payloads';

// What a gateway reads from each machine: which connector, which tags at which rate, how the state
// and the part counts are derived. One schema for the edge agent's local file, the desired
// configuration the cloud sends (config/desired) and the API that accepts it, so all three fail
// with the same clear messages.

export const MODBUS_DATA_TYPES = ['int16', 'uint16', 'int32', 'uint32', 'float32'] as const;
export type ModbusDataType = (typeof MODBUS_DATA_TYPES)[number];
export const OPCUA_SECURITY_MODES = ['None', 'Sign', 'SignAndEncrypt'] as const;
export type OpcuaSecurityMode = (typeof OPCUA_SECURITY_MODES)[number];
export const OPCUA_SECURITY_POLICIES = [
  'None',
  'Basic256Sha256',
  'Aes128_Sha256_RsaOaep',
  'Aes256_Sha256_RsaPss',
] as const;
export type OpcuaSecurityPolicy = (typeof OPCUA_SECURITY_POLICIES)[number];
export const MAX_MACHINES_PER_GATEWAY = 64;

const metric = z
  .string({ error: 'required: the tag name, as the cloud will see it (e.g. spindle.temp)' })
  .regex(/^[A-Za-z0-9._-]{1,64}$/, 'use 1-64 of A-Z a-z 0-9 . _ -');

const tagTiming = {
  name: metric,
  sampleMs: z.number().int().min(100, 'at least 100 ms').max(3_600_000, 'at most 1 hour').default(1_000),
  // Only changes larger than this are sent (plus one sample every maxSilenceMs); 0 sends every sample.
  deadband: z.number().min(0, 'must not be negative').default(0),
  maxSilenceMs: z.number().int().min(1_000).max(3_600_000).default(60_000),
};

const modbusTagSchema = z.strictObject({
  ...tagTiming,
  area: z.enum(['holding', 'input', 'coil'], { error: 'one of holding, input, coil' }),
  address: z.number().int().min(0).max(65_535, 'a Modbus address is 0-65535'),
  type: z.enum(MODBUS_DATA_TYPES, { error: `one of ${MODBUS_DATA_TYPES.join(', ')}` }).default('uint16'),
  byteOrder: z.enum(['big', 'little']).default('big'),
  wordOrder: z.enum(['big', 'little']).default('big'),
  scale: z.number().default(1),
  offset: z.number().default(0),
});

const opcuaTagSchema = z.strictObject({
  ...tagTiming,
  nodeId: z
    .string({ error: 'required: the node id, e.g. ns=1;s=Spindle.Speed' })
    .min(1, 'required: the node id, e.g. ns=1;s=Spindle.Speed'),
});

const simulatorSource = z.strictObject({
  kind: z.literal('simulator'),
  cycleTimeMs: z.number().min(100).max(3_600_000).optional(),
  scrapRate: z.number().min(0).max(1).optional(),
  slowCycleRate: z.number().min(0).max(1).optional(),
  // Running time until the simulated bearing fails: sensors drift toward it on purpose.
  driftToFailureMs: z.number().int().min(60_000).optional(),
  sensorSampleMs: z.number().int().min(100).max(3_600_000).default(5_000),
  sensorDeadband: z.number().min(0).default(0),
});

const modbusSource = z.strictObject({
  kind: z.literal('modbus'),
  host: z.string({ error: 'required: the PLC address' }).min(1, 'required: the PLC address'),
  port: z.number().int().min(1, 'a port is 1-65535').max(65_535, 'a port is 1-65535').default(502),
  unitId: z.number().int().min(0, 'a unit id is 0-255').max(255, 'a unit id is 0-255').default(1),
  timeoutMs: z.number().int().min(100, 'at least 100 ms').max(60_000, 'at most 60000 ms').default(2_000),
  tags: z.array(modbusTagSchema).min(1, 'list at least one tag'),
});

const opcuaSource = z.strictObject({
  kind: z.literal('opcua'),
  endpointUrl: z
    .string({ error: 'required: the server address, e.g. opc.tcp://10.0.0.5:4840' })
    .regex(/^opc\.tcp:\/\/.+/, 'an opc.tcp:// address, e.g. opc.tcp://10.0.0.5:4840'),
  securityMode: z.enum(OPCUA_SECURITY_MODES).default('None'),
  securityPolicy: z.enum(OPCUA_SECURITY_POLICIES).default('None'),
  acceptUnknownServerCertificate: z.boolean().default(false),
  tags: z.array(opcuaTagSchema).min(1, 'list at least one tag'),
});

const stateRuleSchema = z.strictObject({
  runningTag: metric,
  runningAbove: z.number(),
  forMs: z.number().int().min(0).max(3_600_000).default(5_000),
  faultTag: metric.optional(),
  otherwise: z.enum(['idle', 'setup', 'planned_stop']).default('idle'),
});

const counterRuleSchema = z.strictObject({
  counter: z.enum(COUNTERS),
  tag: metric,
  bits: z.union([z.literal(16), z.literal(32)]).default(32),
});

export const machineSpecSchema = z
  .strictObject({
    key: stateMessageSchema.shape.machine,
    source: z.discriminatedUnion('kind', [simulatorSource, modbusSource, opcuaSource], {
      error: 'source.kind must be simulator, modbus or opcua',
    }),
    state: stateRuleSchema.optional(),
    counters: z.array(counterRuleSchema).default([]),
  })
  .superRefine((machine, context) => {
    if (machine.source.kind === 'simulator') return;
    const tags = new Set(machine.source.tags.map((tag) => tag.name));
    const need = (tag: string | undefined, path: (string | number)[]) => {
      if (tag !== undefined && !tags.has(tag))
        context.addIssue({ code: 'custom', path, message: `"${tag}" is not one of this machine's tags` });
    };
    need(machine.state?.runningTag, ['state', 'runningTag']);
    need(machine.state?.faultTag, ['state', 'faultTag']);
    machine.counters.forEach((rule, index) => need(rule.tag, ['counters', index, 'tag']));
  });

export type MachineSpec = z.infer<typeof machineSpecSchema>;
export type MachineSpecInput = z.input<typeof machineSpecSchema>;

// A plain machine key means a simulated machine.
export const machineEntrySchema = z.preprocess(
  (value) => (typeof value === 'string' ? { key: value, source: { kind: 'simulator' } } : value),
  machineSpecSchema,
);

export function simulatedMachine(key: string): MachineSpec {
  return machineSpecSchema.parse({ key, source: { kind: 'simulator' } });
}

// The machines of one gateway: 1-64 with unique keys (the local file and the cloud's desired
// configuration alike).
export const machineListSchema = z
  .array(machineEntrySchema, {
    error: (issue) =>
      issue.input === undefined ? 'required: at least one machine key' : 'must be a list of machine keys',
  })
  .min(1, 'required: at least one machine key')
  .max(MAX_MACHINES_PER_GATEWAY, `at most ${MAX_MACHINES_PER_GATEWAY} machines per gateway`)
  .superRefine((machines, context) => {
    const seen = new Set<string>();
    const repeated = new Set<string>();
    for (const { key } of machines) (seen.has(key) ? repeated : seen).add(key);
    for (const key of repeated)
      context.addIssue({ code: 'custom', message: `duplicate machine key "${key}"` });
  });
