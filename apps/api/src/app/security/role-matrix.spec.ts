import { ApiHarness, CALLER_KINDS, SCHEMA_SWEEP_TIMEOUT_MS, type CallerKind } from '../testing/api-harness';
import { MUTATION_CASES, mutationFields } from './mutation-cases';

type Verdict = 'allowed' | 'FORBIDDEN';
type Row = Readonly<Record<CallerKind, Verdict>>;

// admin, operator, technician, viewer, read-only key, read-write key (every domain).
function row(...verdicts: [Verdict, Verdict, Verdict, Verdict, Verdict, Verdict]): Row {
  return Object.fromEntries(CALLER_KINDS.map((kind, i) => [kind, verdicts[i]])) as Row;
}
const A: Verdict = 'allowed';
const F: Verdict = 'FORBIDDEN';

// Who may call each mutation. Public ones are open to anyone (they ignore the credential); keys
// never mint keys or change passwords; read-only keys never change anything. Alarms are
// acknowledged, cleared and shelved by a person (ISA-18.2), and notification subscriptions are a
// person's own, so keys get neither.
const MATRIX: Readonly<Record<string, Row>> = {
  login: row(A, A, A, A, A, A),
  refreshSession: row(A, A, A, A, A, A),
  logout: row(A, A, A, A, A, A),
  acceptInvitation: row(A, A, A, A, A, A),
  changePassword: row(A, A, A, A, F, F),
  createProvisioningClaim: row(A, F, A, F, F, A),
  createApiKey: row(A, F, F, F, F, F),
  revokeApiKey: row(A, F, F, F, F, F),
  inviteUser: row(A, F, F, F, F, A),
  updateMembership: row(A, F, F, F, F, A),
  deactivateUser: row(A, F, F, F, F, A),
  createAsset: row(A, F, F, F, F, A),
  renameAsset: row(A, F, F, F, F, A),
  moveAsset: row(A, F, F, F, F, A),
  archiveAsset: row(A, F, F, F, F, A),
  deleteAsset: row(A, F, F, F, F, A),
  setSiteTimeZone: row(A, F, F, F, F, A),
  createProduct: row(A, F, F, F, F, A),
  updateProduct: row(A, F, F, F, F, A),
  deleteProduct: row(A, F, F, F, F, A),
  setMachineProduct: row(A, F, F, F, F, A),
  setMachineCycleTime: row(A, F, F, F, F, A),
  createDowntimeReason: row(A, F, F, F, F, A),
  updateDowntimeReason: row(A, F, F, F, F, A),
  createShiftCalendar: row(A, F, F, F, F, A),
  deleteShiftCalendar: row(A, F, F, F, F, A),
  setShift: row(A, F, F, F, F, A),
  addPlannedStop: row(A, F, F, F, F, A),
  addHoliday: row(A, F, F, F, F, A),
  removeCalendarPart: row(A, F, F, F, F, A),
  startKpiBackfill: row(A, F, F, F, F, A),
  createAlarmRule: row(A, F, F, F, F, A),
  updateAlarmRule: row(A, F, F, F, F, A),
  deleteAlarmRule: row(A, F, F, F, F, A),
  createNotificationChannel: row(A, F, F, F, F, A),
  deleteNotificationChannel: row(A, F, F, F, F, A),
  redeliverNotification: row(A, F, F, F, F, A),
  revokeGateway: row(A, F, A, F, F, A),
  setGatewayDesiredConfig: row(A, F, A, F, F, A),
  sendGatewayCommand: row(A, F, A, F, F, A),
  acknowledgeAlarm: row(A, A, A, F, F, F),
  clearAlarm: row(A, A, A, F, F, F),
  shelveAlarm: row(A, A, A, F, F, F),
  unshelveAlarm: row(A, A, A, F, F, F),
  createNotificationSubscription: row(A, A, A, A, F, F),
  deleteNotificationSubscription: row(A, A, A, A, F, F),
};

describe('role matrix (generated from the schema)', () => {
  let h: ApiHarness;

  beforeAll(async () => {
    h = await ApiHarness.start({ redisUrl: process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379' });
  });

  afterAll(async () => {
    await h.stop();
  });

  it(
    'answers each role and key on each mutation as the table says',
    async () => {
      const problems: string[] = [];
      for (const field of mutationFields(h)) {
        const expected = MATRIX[field];
        const prepare = MUTATION_CASES[field];
        if (!expected || !prepare) {
          problems.push(
            `${field}: ${expected ? '' : 'no row in MATRIX (role-matrix.spec.ts) '}${prepare ? '' : 'no case in mutation-cases.ts'}`,
          );
          continue;
        }
        for (const kind of CALLER_KINDS) {
          const caller = await h.caller(h.a, kind);
          const result = await (await prepare(h, caller))();
          const got = result.errors ? result.errors[0]?.extensions.code : 'allowed';
          if (got !== expected[kind])
            problems.push(
              `${field} as ${kind}: expected ${expected[kind]}, got ${got} ${result.errors?.[0]?.message ?? ''}`,
            );
        }
      }
      expect(problems).toEqual([]);
    },
    SCHEMA_SWEEP_TIMEOUT_MS,
  );

  it('has no rows for mutations that do not exist', () => {
    expect(Object.keys(MATRIX).filter((field) => !mutationFields(h).includes(field))).toEqual([]);
  });
});
