import { createHash, randomBytes } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../database.ts';
import { apiTokens } from '../schema.ts';

export type Role = 'member' | 'recruiter' | 'admin';

export interface Identity {
  role: Role;
  /** The member a member token acts for. */
  memberId?: string;
  /** The one company a recruiter token is bound to. */
  companyId?: string;
  name: string;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** API tokens: the secret is shown once at creation; only its SHA-256 is stored. */
export class ApiTokenRepository {
  constructor(private readonly db: Db) {}

  async create(identity: Identity): Promise<string> {
    if (identity.role === 'member' && !identity.memberId) throw new Error('a member token needs a member id');
    if (identity.role === 'recruiter' && !identity.companyId) throw new Error('a recruiter token needs a company id');
    const token = `fw_${identity.role.slice(0, 3)}_${randomBytes(24).toString('base64url')}`;
    await this.db.insert(apiTokens).values({
      tokenHash: hashToken(token), name: identity.name, role: identity.role,
      memberId: identity.role === 'member' ? identity.memberId! : null,
      companyId: identity.role === 'recruiter' ? identity.companyId! : null,
    });
    return token;
  }

  async resolve(token: string): Promise<Identity | undefined> {
    const [row] = await this.db.select().from(apiTokens).where(and(eq(apiTokens.tokenHash, hashToken(token)), isNull(apiTokens.revokedAt)));
    if (!row) return undefined;
    return {
      role: row.role, name: row.name,
      ...(row.memberId ? { memberId: row.memberId } : {}), ...(row.companyId ? { companyId: row.companyId } : {}),
    };
  }

  async revoke(token: string): Promise<boolean> {
    const rows = await this.db.update(apiTokens).set({ revokedAt: new Date().toISOString() }).where(eq(apiTokens.tokenHash, hashToken(token))).returning();
    return rows.length > 0;
  }
}
