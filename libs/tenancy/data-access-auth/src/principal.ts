export type MemberRole = 'admin' | 'operator' | 'technician' | 'viewer';

// Who is asking, resolved once per request from a verified credential. The tenant comes from
// here and only from here, never from a query argument.
export interface Principal {
  userId: string;
  tenantId: string;
  role: MemberRole;
  // null: every site of the tenant; otherwise the only sites this user may see.
  siteIds: readonly string[] | null;
  // The signed-in session (refresh-token family), when the credential carries one.
  sessionId?: string;
}
