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
}
