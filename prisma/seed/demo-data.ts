// What the demo tenant contains: a small but realistic two-site manufacturer. Pure data; the
// writing happens in demo-tenant.ts.

export type DemoRole = 'admin' | 'operator' | 'technician' | 'viewer';

// Display order of roles in a DemoSeed (and the order the CLI prints the logins in).
export const DEMO_ROLES: readonly DemoRole[] = ['admin', 'operator', 'technician', 'viewer'];

export type LossClass =
  'planned' | 'breakdown' | 'setup' | 'minor_stop' | 'reduced_speed' | 'startup_reject' | 'production_reject';

export const DEMO_TENANT_SLUG = 'demo';
export const DEMO_TENANT_NAME = 'Demo Manufacturing';
export const DEMO_PASSWORD = 'convergent-demo';

export interface ProductSpec {
  code: string;
  name: string;
  idealCycleTimeMs: number;
}

export const PRODUCTS: readonly ProductSpec[] = [
  { code: 'BRK-100', name: 'Door Hinge Bracket', idealCycleTimeMs: 1500 },
  { code: 'PNL-220', name: 'Roof Outer Panel', idealCycleTimeMs: 2400 },
  { code: 'CLP-050', name: 'Mounting Clip', idealCycleTimeMs: 900 },
  { code: 'MOD-410', name: 'Door Module Assembly', idealCycleTimeMs: 3600 },
];

export interface ReasonSpec {
  code: string;
  name: string;
  lossClass: LossClass;
}

// Every loss class has at least one code, so every bar of the loss waterfall can be explained.
export const DOWNTIME_REASONS: readonly ReasonSpec[] = [
  { code: 'BREAK', name: 'Scheduled break', lossClass: 'planned' },
  { code: 'PLANNED_MAINT', name: 'Planned maintenance', lossClass: 'planned' },
  { code: 'CLEANING', name: 'Planned cleaning', lossClass: 'planned' },
  { code: 'MECH_FAIL', name: 'Mechanical failure', lossClass: 'breakdown' },
  { code: 'ELEC_FAIL', name: 'Electrical failure', lossClass: 'breakdown' },
  { code: 'TOOL_BREAK', name: 'Tool breakage', lossClass: 'breakdown' },
  { code: 'TOOL_CHANGE', name: 'Die / tool change', lossClass: 'setup' },
  { code: 'CHANGEOVER', name: 'Product changeover', lossClass: 'setup' },
  { code: 'JAM', name: 'Part jam', lossClass: 'minor_stop' },
  { code: 'SENSOR_BLOCKED', name: 'Sensor blocked', lossClass: 'minor_stop' },
  { code: 'MATERIAL_WAIT', name: 'Waiting for material', lossClass: 'minor_stop' },
  { code: 'SLOW_CYCLE', name: 'Running below rated speed', lossClass: 'reduced_speed' },
  { code: 'WORN_TOOL_SLOW', name: 'Reduced speed for worn tooling', lossClass: 'reduced_speed' },
  { code: 'STARTUP_SCRAP', name: 'Start-up scrap after changeover', lossClass: 'startup_reject' },
  { code: 'WARMUP_REJECT', name: 'Warm-up reject', lossClass: 'startup_reject' },
  { code: 'DIMENSION_NOK', name: 'Out of dimension', lossClass: 'production_reject' },
  { code: 'SURFACE_DEFECT', name: 'Surface defect', lossClass: 'production_reject' },
];

export interface ShiftSpec {
  name: string;
  start: string;
  end: string;
  // ISO weekdays (1 = Monday) on which the shift starts.
  days: number[];
  crews: string[];
  rotationOffset: number;
}

export interface PlannedStopSpec {
  name: string;
  start: string;
  end: string;
  // ISO weekdays of the stop's own local date (the KPI engine applies calendar stops by their
  // own date): the night-shift break at 02:00 falls on the day after the shift started.
  days: number[];
  reasonCode: string;
}

export interface CalendarSpec {
  name: string;
  // Far enough back that simulated or back-filled history is planned by this calendar too.
  validFrom: string;
  shifts: ShiftSpec[];
  plannedStops: PlannedStopSpec[];
  holidays: Array<{ date: string; name: string }>;
}

export interface MachineSpec {
  name: string;
  code: string;
  // The gateway's key for this machine in its payloads; unique per gateway.
  sourceKey: string;
}

export interface LineSpec {
  name: string;
  code: string;
  productCode: string;
  gateway: { thingName: string; name: string };
  machines: MachineSpec[];
}

export interface AreaSpec {
  name: string;
  code: string;
  lines: LineSpec[];
}

export interface SiteSpec {
  name: string;
  code: string;
  timeZone: string;
  areas: AreaSpec[];
  calendar: CalendarSpec;
}

const MON_FRI = [1, 2, 3, 4, 5];
const TUE_SAT = [2, 3, 4, 5, 6];
const MON_SAT = [1, 2, 3, 4, 5, 6];
const VALID_FROM = '2024-01-01T00:00:00Z';

export const ENTERPRISE = { name: DEMO_TENANT_NAME, code: 'DEMO' };

export const SITES: readonly SiteSpec[] = [
  {
    name: 'Stuttgart Plant',
    code: 'STR',
    timeZone: 'Europe/Berlin',
    areas: [
      {
        name: 'Body Shop',
        code: 'STR-BODY',
        lines: [
          {
            name: 'Press Line 1',
            code: 'STR-PL1',
            productCode: 'BRK-100',
            gateway: { thingName: 'demo-stuttgart-pl1', name: 'Press Line 1 Gateway' },
            machines: [
              { name: 'Press 1', code: 'STR-PL1-P1', sourceKey: 'press-1' },
              { name: 'Press 2', code: 'STR-PL1-P2', sourceKey: 'press-2' },
              { name: 'Press 3', code: 'STR-PL1-P3', sourceKey: 'press-3' },
              { name: 'Robot Cell 1', code: 'STR-PL1-RC1', sourceKey: 'robot-cell-1' },
            ],
          },
          {
            name: 'Press Line 2',
            code: 'STR-PL2',
            productCode: 'PNL-220',
            gateway: { thingName: 'demo-stuttgart-pl2', name: 'Press Line 2 Gateway' },
            machines: [
              { name: 'Press 4', code: 'STR-PL2-P4', sourceKey: 'press-4' },
              { name: 'Press 5', code: 'STR-PL2-P5', sourceKey: 'press-5' },
              { name: 'Press 6', code: 'STR-PL2-P6', sourceKey: 'press-6' },
              { name: 'Robot Cell 2', code: 'STR-PL2-RC2', sourceKey: 'robot-cell-2' },
            ],
          },
        ],
      },
    ],
    calendar: {
      name: 'Stuttgart 3-shift',
      validFrom: VALID_FROM,
      shifts: [
        {
          name: 'Early',
          start: '06:00',
          end: '14:00',
          days: MON_FRI,
          crews: ['A', 'B', 'C'],
          rotationOffset: 0,
        },
        {
          name: 'Late',
          start: '14:00',
          end: '22:00',
          days: MON_FRI,
          crews: ['A', 'B', 'C'],
          rotationOffset: 1,
        },
        {
          name: 'Night',
          start: '22:00',
          end: '06:00',
          days: MON_FRI,
          crews: ['A', 'B', 'C'],
          rotationOffset: 2,
        },
      ],
      plannedStops: [
        { name: 'Early break', start: '10:00', end: '10:30', days: MON_FRI, reasonCode: 'BREAK' },
        { name: 'Late break', start: '18:00', end: '18:30', days: MON_FRI, reasonCode: 'BREAK' },
        { name: 'Night break', start: '02:00', end: '02:30', days: TUE_SAT, reasonCode: 'BREAK' },
      ],
      holidays: [
        { date: '2026-12-25', name: 'Christmas Day' },
        { date: '2026-12-26', name: 'Second Day of Christmas' },
        { date: '2027-01-01', name: "New Year's Day" },
        { date: '2027-01-06', name: 'Epiphany' },
      ],
    },
  },
  {
    name: 'Ohio Plant',
    code: 'OHI',
    timeZone: 'America/New_York',
    areas: [
      {
        name: 'Assembly',
        code: 'OHI-ASSY',
        lines: [
          {
            name: 'Assembly Line A',
            code: 'OHI-ALA',
            productCode: 'MOD-410',
            gateway: { thingName: 'demo-ohio-ala', name: 'Assembly Line A Gateway' },
            machines: [
              { name: 'Robot Cell 3', code: 'OHI-ALA-RC3', sourceKey: 'robot-cell-3' },
              { name: 'Robot Cell 4', code: 'OHI-ALA-RC4', sourceKey: 'robot-cell-4' },
              { name: 'Screwing Station', code: 'OHI-ALA-SCR', sourceKey: 'screwing-station' },
              { name: 'End-of-Line Tester', code: 'OHI-ALA-EOL', sourceKey: 'eol-tester' },
            ],
          },
        ],
      },
    ],
    calendar: {
      name: 'Ohio 2-shift',
      validFrom: VALID_FROM,
      shifts: [
        {
          name: 'Day',
          start: '07:00',
          end: '15:30',
          days: MON_SAT,
          crews: ['Red', 'Blue'],
          rotationOffset: 0,
        },
        // Ends at midnight: "00:00" is before the start, so the shift runs to the next day's 00:00.
        {
          name: 'Swing',
          start: '15:30',
          end: '00:00',
          days: MON_SAT,
          crews: ['Red', 'Blue'],
          rotationOffset: 1,
        },
      ],
      plannedStops: [
        { name: 'Day lunch', start: '11:30', end: '12:00', days: MON_SAT, reasonCode: 'BREAK' },
        { name: 'Swing lunch', start: '19:30', end: '20:00', days: MON_SAT, reasonCode: 'BREAK' },
      ],
      holidays: [
        { date: '2026-11-26', name: 'Thanksgiving Day' },
        { date: '2026-12-25', name: 'Christmas Day' },
        { date: '2027-01-01', name: "New Year's Day" },
      ],
    },
  },
];

export interface UserSpec {
  email: string;
  displayName: string;
  role: DemoRole;
  // 'all', or the codes of the only sites the user may see.
  sites: 'all' | string[];
}

export const USERS: readonly UserSpec[] = [
  { email: 'admin@demo.convergent.local', displayName: 'Demo Admin', role: 'admin', sites: 'all' },
  { email: 'operator@demo.convergent.local', displayName: 'Demo Operator', role: 'operator', sites: 'all' },
  {
    email: 'stuttgart.operator@demo.convergent.local',
    displayName: 'Stuttgart Operator',
    role: 'operator',
    sites: ['STR'],
  },
  {
    email: 'technician@demo.convergent.local',
    displayName: 'Demo Technician',
    role: 'technician',
    sites: 'all',
  },
  { email: 'viewer@demo.convergent.local', displayName: 'Demo Viewer', role: 'viewer', sites: 'all' },
];
