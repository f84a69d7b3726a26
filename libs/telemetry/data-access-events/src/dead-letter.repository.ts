import type { Database } from '@convergent/platform-data-access-db';

export interface DeadLetterInput {
  tenantId: string | null;
  thingName: string | null;
  topic: string;
  reason: string;
  payload: Uint8Array;
}

// Rejected messages with their reason. Unknown senders have no tenant, so the write goes through
// the SECURITY DEFINER function that alone may store tenant-less rows; the payload is truncated.
export class DeadLetterRepository {
  constructor(private readonly db: Database) {}

  async record(letters: DeadLetterInput[]): Promise<void> {
    if (letters.length === 0) return;
    await this.db.pool.query(
      `SELECT ingest_record_dead_letter(t, n, topic, reason, payload)
       FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[]) AS d(t, n, topic, reason, payload)`,
      [
        letters.map((l) => l.tenantId),
        letters.map((l) => l.thingName),
        letters.map((l) => l.topic),
        letters.map((l) => l.reason),
        letters.map((l) =>
          Buffer.from(l.payload.subarray(0, 4096))
            .toString('utf8')
            .replace(/\u0000/g, '\uFFFD'),
        ),
      ],
    );
  }

  // How many messages of each of the tenant's gateways were dead-lettered since a time (thing name
  // -> count; gateways without dead letters are absent). Row-level security scopes it to the tenant.
  async countByGateway(tenantId: string, since: Date): Promise<Map<string, number>> {
    const rows = await this.db.withSqlTransaction(async (sql) => {
      await sql.setTenant(tenantId);
      return sql.query<{ thing_name: string; count: string }>(
        `SELECT thing_name, count(*) AS count FROM dead_letters
         WHERE received_at >= $1 AND thing_name IS NOT NULL GROUP BY thing_name`,
        [since],
      );
    });
    return new Map(rows.map((row) => [row.thing_name, Number(row.count)]));
  }
}
