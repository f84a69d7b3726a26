import { createTransport } from 'nodemailer';
import type { NotificationTransports } from '@convergent/alarms-data-access-alarms';

const WEBHOOK_TIMEOUT_MS = 10_000;

// HTTP with a timeout (a hanging receiver must not hold a worker slot) and SMTP via nodemailer.
export function notificationTransports(
  smtpUrl: string,
  from: string,
): NotificationTransports & { close(): void } {
  const smtp = createTransport(smtpUrl);
  return {
    postJson: async (url, body, headers) => {
      const response = await fetch(url, {
        method: 'POST',
        body,
        headers,
        signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
        redirect: 'error',
      });
      await response.body?.cancel();
      return { status: response.status };
    },
    sendMail: async (mail) => {
      await smtp.sendMail({ from, ...mail });
    },
    close: () => smtp.close(),
  };
}
