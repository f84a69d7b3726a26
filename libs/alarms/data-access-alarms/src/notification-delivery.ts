import type { Database } from '@convergent/platform-data-access-db';
import {
  DELIVERY_HEADER,
  emailOf,
  SIGNATURE_HEADER,
  signWebhook,
  TIMESTAMP_HEADER,
  type NotificationPayload,
} from './notification-payload';

// The outside world, injected so the worker owns the HTTP client and the SMTP transport.
export interface NotificationTransports {
  postJson(url: string, body: string, headers: Record<string, string>): Promise<{ status: number }>;
  sendMail(mail: {
    to: string;
    subject: string;
    text: string;
    headers: Record<string, string>;
  }): Promise<void>;
}

export type DeliveryOutcome = 'delivered' | 'already-delivered' | 'gone';

export class DeliveryFailedError extends Error {
  constructor(
    readonly deliveryId: string,
    readonly attempt: number,
    reason: string,
  ) {
    super(`delivery ${deliveryId} attempt ${attempt} failed: ${reason}`);
    this.name = 'DeliveryFailedError';
  }
}

interface DeliveryRow {
  id: string;
  status: string;
  attempts: number;
  payload: NotificationPayload;
  kind: 'webhook' | 'email';
  target: string;
  secret: string | null;
  enabled: boolean;
}

// Sends one delivery and records the attempt. A failure throws so that BullMQ retries with
// backoff; after maxAttempts the delivery is marked failed and stays visible with its last error.
// A delivery already marked delivered is not sent again: together with the delivery id in every
// message, receivers see each notification once even when a job runs twice.
export class NotificationDelivery {
  constructor(
    private readonly db: Database,
    private readonly transports: NotificationTransports,
    private readonly maxAttempts: number,
    private readonly clock: () => number = Date.now,
  ) {}

  async deliver(tenantId: string, deliveryId: string): Promise<DeliveryOutcome> {
    const delivery = await this.load(tenantId, deliveryId);
    if (delivery === null) return 'gone';
    if (delivery.status === 'delivered') return 'already-delivered';
    const attempt = delivery.attempts + 1;
    let error: string | null = null;
    try {
      if (!delivery.enabled) throw new Error('the channel is disabled');
      await this.send(delivery);
    } catch (e) {
      error = e instanceof Error ? e.message : String(e);
    }
    const status = error === null ? 'delivered' : attempt >= this.maxAttempts ? 'failed' : 'pending';
    await this.db.withSqlTransaction(async (sql) => {
      await sql.setTenant(tenantId);
      await sql.execute(
        `UPDATE notification_deliveries SET attempts = $2, status = $3, last_error = $4, last_attempt_at = clock_timestamp(),
           delivered_at = CASE WHEN $3 = 'delivered' THEN clock_timestamp() ELSE delivered_at END
         WHERE id = $1`,
        [deliveryId, attempt, status, error],
      );
    });
    if (error !== null) throw new DeliveryFailedError(deliveryId, attempt, error);
    return 'delivered';
  }

  private async load(tenantId: string, deliveryId: string): Promise<DeliveryRow | null> {
    return this.db.withSqlTransaction(async (sql) => {
      await sql.setTenant(tenantId);
      const [row] = await sql.query<DeliveryRow>(
        `SELECT d.id, d.status, d.attempts, d.payload, c.kind, c.target, c.secret, c.enabled
         FROM notification_deliveries d JOIN notification_channels c ON c.id = d.channel_id WHERE d.id = $1`,
        [deliveryId],
      );
      return row ?? null;
    });
  }

  private async send(delivery: DeliveryRow): Promise<void> {
    const message = { deliveryId: delivery.id, ...delivery.payload };
    if (delivery.kind === 'email') {
      const { subject, text } = emailOf(message);
      await this.transports.sendMail({
        to: delivery.target,
        subject,
        text,
        headers: { [DELIVERY_HEADER]: delivery.id },
      });
      return;
    }
    const body = JSON.stringify(message);
    const timestamp = Math.floor(this.clock() / 1000);
    const { status } = await this.transports.postJson(delivery.target, body, {
      'content-type': 'application/json',
      [DELIVERY_HEADER]: delivery.id,
      [TIMESTAMP_HEADER]: String(timestamp),
      [SIGNATURE_HEADER]: signWebhook(delivery.secret ?? '', timestamp, body),
    });
    if (status < 200 || status >= 300) throw new Error(`the receiver answered HTTP ${status}`);
  }
}
