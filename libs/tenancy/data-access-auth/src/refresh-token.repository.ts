import type { Database } from '@convergent/platform-data-access-db';

export interface StoredRefreshToken {
  id: string;
  tenantId: string;
  userId: string;
  familyId: string;
  expiresAt: Date;
  rotatedAt: Date | null;
  revokedAt: Date | null;
}

export interface NewRefreshToken {
  tenantId: string;
  userId: string;
  familyId: string;
  // SHA-256 of the secret: a leaked table cannot be replayed.
  tokenHash: string;
  expiresAt: Date;
  createdAt: Date;
}

export class RefreshTokenRepository {
  constructor(private readonly db: Database) {}

  // A refresh request carries no tenant yet: the lookup is the SECURITY DEFINER function of 0005.
  async findByHash(tokenHash: string): Promise<StoredRefreshToken | null> {
    const { rows } = await this.db.pool.query<{
      id: string;
      tenant_id: string;
      user_id: string;
      family_id: string;
      expires_at: Date;
      rotated_at: Date | null;
      revoked_at: Date | null;
    }>(`SELECT * FROM auth_refresh_token_by_hash($1)`, [tokenHash]);
    const row = rows[0];
    return row
      ? {
          id: row.id,
          tenantId: row.tenant_id,
          userId: row.user_id,
          familyId: row.family_id,
          expiresAt: row.expires_at,
          rotatedAt: row.rotated_at,
          revokedAt: row.revoked_at,
        }
      : null;
  }

  async insert(token: NewRefreshToken): Promise<void> {
    await this.db.withTenant(token.tenantId, (tx) => tx.refreshToken.create({ data: token }));
  }

  // Marks the presented token rotated and stores its successor, in one transaction. The
  // conditional update is the arbiter between two requests presenting the same token: only one
  // sees a row change; false means the token had already been used (or revoked) meanwhile.
  async rotate(tenantId: string, presentedId: string, next: NewRefreshToken): Promise<boolean> {
    return this.db.withTenant(tenantId, async (tx) => {
      const { count } = await tx.refreshToken.updateMany({
        where: { id: presentedId, rotatedAt: null, revokedAt: null },
        data: { rotatedAt: next.createdAt },
      });
      if (count !== 1) return false;
      await tx.refreshToken.create({ data: next });
      return true;
    });
  }

  async revokeFamily(tenantId: string, familyId: string, revokedAt: Date): Promise<void> {
    await this.db.withTenant(tenantId, (tx) =>
      tx.refreshToken.updateMany({ where: { familyId, revokedAt: null }, data: { revokedAt } }),
    );
  }

  // Every tenant's sessions of one user but the one to keep (SECURITY DEFINER, 0005): a password
  // is global, so its change must reach sessions no tenant transaction can see.
  async revokeUserSessions(userId: string, keepFamilyId: string | null, revokedAt: Date): Promise<number> {
    const { rows } = await this.db.pool.query<{ revoked: number }>(
      `SELECT auth_revoke_user_sessions($1, $2, $3) AS revoked`,
      [userId, keepFamilyId, revokedAt],
    );
    return rows[0]?.revoked ?? 0;
  }
}
