import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

const ACCEPTABLE = /^[A-Za-z0-9._:-]{8,128}$/;

// A request keeps the id a proxy or client gave it (x-request-id) so its lines can be followed
// across services; anything that is not a plain token gets a fresh id instead of reaching the logs.
export function requestIdFrom(header: string | string[] | undefined): string {
  const given = Array.isArray(header) ? header[0] : header;
  return given !== undefined && ACCEPTABLE.test(given) ? given : randomUUID();
}

// pino-http's genReqId: the id is also sent back, so a user can quote it in a support request.
export function assignRequestId(request: IncomingMessage, response: ServerResponse): string {
  const id = requestIdFrom(request.headers['x-request-id']);
  response.setHeader('x-request-id', id);
  return id;
}
