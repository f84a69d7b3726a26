import { CloseCode, type Context } from 'graphql-ws';
import type { Principal } from '@convergent/tenancy-data-access-auth';
import { DomainError } from '@convergent/shared-util-contracts';
import type { HttpRequest } from '../auth/request-context';

type Verify = (accessToken: string) => Promise<Principal>;

interface Socket {
  close(code: number, reason: string): void;
}

// A WebSocket carries no Authorization header from browsers: the client sends its access token
// in connectionParams ({ accessToken }) and the connection is refused (4401, with the reason)
// before any subscription when it is missing or invalid.
export class SubscriptionAuth {
  private verify: Verify | undefined;
  private readonly principals = new WeakMap<object, { token: string; principal: Principal }>();

  bind(verify: Verify): void {
    this.verify = verify;
  }

  async onConnect(ctx: Context<Record<string, unknown> | undefined, unknown>): Promise<boolean> {
    const raw = ctx.connectionParams?.['accessToken'];
    const token = typeof raw === 'string' ? raw.replace(/^Bearer\s+/i, '') : '';
    const refuse = (reason: string) => {
      // WebSocket close reasons are limited to 123 bytes.
      (ctx.extra as { socket?: Socket }).socket?.close(
        CloseCode.Unauthorized,
        Buffer.from(reason).subarray(0, 123).toString(),
      );
      return false;
    };
    if (!token) return refuse('Unauthorized: send connectionParams { accessToken }');
    if (!this.verify) return refuse('Unauthorized: the API is still starting');
    try {
      this.principals.set(ctx, { token, principal: await this.verify(token) });
      return true;
    } catch (error) {
      return refuse(`Unauthorized: ${error instanceof DomainError ? error.message : 'invalid access token'}`);
    }
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
