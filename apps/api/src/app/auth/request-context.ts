import type { Principal } from '@convergent/tenancy-data-access-auth';

export interface CookieOptions {
  httpOnly: boolean;
  sameSite: 'strict';
  secure: boolean;
  path: string;
  expires?: Date;
}

// The part of Express's response the API writes (reached as req.res, so the GraphQL context
// needs nothing more than the request).
export interface CookieResponse {
  cookie(name: string, value: string, options: CookieOptions): unknown;
  clearCookie(name: string, options: CookieOptions): unknown;
}

// The part of the HTTP request the API reads; the guard attaches the verified principal.
export interface HttpRequest {
  headers: { authorization?: string; cookie?: string } & Record<string, string | string[] | undefined>;
  // Express's peer address; no proxy is trusted, so a client cannot choose it with a header.
  ip?: string;
  res?: CookieResponse;
  principal?: Principal;
  // The one authentication of this request, shared by the guard runs of its root fields.
  authentication?: Promise<Principal>;
}

export interface RequestContext {
  req: HttpRequest;
}
