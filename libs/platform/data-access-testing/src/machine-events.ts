import type { Client } from 'pg';
import type { TenantFixture } from './tenant-fixture';

// Writes a fixture machine's raw events as ingest would store them (as the owner, so a test can
// put them anywhere in time, late ones included). Every event gets its own sequence number.
export class MachineEventWriter {
  private seq = 0;

  constructor(
    private readonly owner: Client,
    private readonly f: Pick<TenantFixture, 'tenantId' | 'machineId' | 'gatewayId'>,
  ) {}

  // The state repeated every `everyMs` from `from` up to (not including) `to`, as the edge agent sends it.
  async states(from: Date, to: Date, state: string, everyMs = 5 * 60_000): Promise<void> {
    await this.statesWithReason(from, to, state, null, everyMs);
  }

  async statesWithReason(
    from: Date,
    to: Date,
    state: string,
    reason: string | null,
    everyMs = 5 * 60_000,
  ): Promise<void> {
    for (let t = from.getTime(); t < to.getTime(); t += everyMs) {
      this.seq += 1;
      await this.owner.query(
        `INSERT INTO machine_state_events (tenant_id, machine_id, gateway_id, seq, idx, ts, state, reason) VALUES ($1, $2, $3, $4, 0, $5, $6, $7)`,
        [this.f.tenantId, this.f.machineId, this.f.gatewayId, this.seq, new Date(t), state, reason],
      );
    }
  }

  async count(ts: Date, counter: 'produced' | 'scrap' | 'rework', increment: number): Promise<void> {
    this.seq += 1;
    await this.owner.query(
      `INSERT INTO production_count_events (tenant_id, machine_id, gateway_id, seq, idx, ts, counter, increment) VALUES ($1, $2, $3, $4, 0, $5, $6, $7)`,
      [this.f.tenantId, this.f.machineId, this.f.gatewayId, this.seq, ts, counter, increment],
    );
  }
}

// Polls until the probe returns a value (not undefined), or fails naming what it waited for.
export async function eventually<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs: number,
  everyMs = 100,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
