import { GraphQLError, parse, type GraphQLSchema } from 'graphql';
import { CloseCode, type Context, type SubscribePayload } from 'graphql-ws';
import { decodeJwt } from 'jose';
import type { Principal } from '@convergent/tenancy-data-access-auth';
import { DomainError } from '@convergent/shared-util-contracts';
import type { HttpRequest } from '../auth/request-context';
import { limitError, type QueryLimits } from '../graphql/query-limits';

type Verify = (accessToken: string) => Promise<Principal>;

interface Socket {
  close(code: number, reason: string): void;
  once(event: 'close', listener: () => void): unknown;
}

// WebSocket close reasons are limited to 123 bytes.
function close(socket: Socket | undefined, code: CloseCode, reason: string): void {
  socket?.close(code, Buffer.from(reason).subarray(0, 123).toString());
}

// The gate of the WebSocket transport. A WebSocket carries no Authorization header from
// browsers: the client sends its access token in connectionParams ({ accessToken }) and the
// connection is refused (4401, with the reason) before any operation when it is missing or
// invalid. Operations sent over it obey the same depth and cost limits as over HTTP.
export class WebSocketGate {
  private verify: Verify | undefined;
  private schema: (() => GraphQLSchema) | undefined;
  private readonly principals = new WeakMap<object, { token: string; principal: Principal }>();

  constructor(private readonly limits: QueryLimits) {}

  // Set once the application's providers exist (the GraphQL options are built before them).
  bind(verify: Verify, schema: () => GraphQLSchema): void {
    this.verify = verify;
    this.schema = schema;
  }

  // Returning nothing lets graphql-ws parse, validate and run the operation (and report a syntax error).
  onSubscribe(payload: SubscribePayload): readonly GraphQLError[] | undefined {
    if (!this.schema) return [new GraphQLError('the API is still starting')];
    let document;
    try {
      document = parse(payload.query);
    } catch {
      return undefined;
    }
    const error = limitError(
      this.limits,
      this.schema(),
      document,
      payload.variables ?? {},
      payload.operationName,
      false,
    );
    return error ? [error] : undefined;
  }

  async onConnect(ctx: Context<Record<string, unknown> | undefined, unknown>): Promise<boolean> {
    const raw = ctx.connectionParams?.['accessToken'];
    const token = typeof raw === 'string' ? raw.replace(/^Bearer\s+/i, '') : '';
    const socket = (ctx.extra as { socket?: Socket }).socket;
    const refuse = (reason: string) => {
      close(socket, CloseCode.Unauthorized, reason);
      return false;
    };
    if (!token) return refuse('Unauthorized: send connectionParams { accessToken }');
    if (!this.verify) return refuse('Unauthorized: the API is still starting');
    try {
      this.principals.set(ctx, { token, principal: await this.verify(token) });
    } catch (error) {
      return refuse(`Unauthorized: ${error instanceof DomainError ? error.message : 'invalid access token'}`);
    }
    this.closeAtExpiry(socket, token);
    return true;
  }

  // A connection lives no longer than the token it was opened with. 4403 is a code graphql-ws
  // clients retry on, calling connectionParams again for a fresh token; a member whose access was
  // removed gets no new token and stops receiving.
  private closeAtExpiry(socket: Socket | undefined, token: string): void {
    const { exp } = decodeJwt(token);
    if (!socket || exp === undefined) return;
    const timer = setTimeout(
      () =>
        close(
          socket,
          CloseCode.Forbidden,
          'Forbidden: the access token has expired: reconnect with a fresh one',
        ),
      Math.max(0, exp * 1000 - Date.now()),
    );
    socket.once('close', () => clearTimeout(timer));
  }

  // The request the guard and resolvers see for one operation on an authenticated connection.
  requestFor(ctx: object): HttpRequest {
    const session = this.principals.get(ctx);
    return {
      headers: session ? { authorization: `Bearer ${session.token}` } : {},
      ...(session ? { principal: session.principal } : {}),
    };
  }
}

export function isWebSocketContext(value: unknown): value is Context {
  return typeof value === 'object' && value !== null && 'connectionParams' in value && 'extra' in value;
}
