/**
 * Sessions stored in PostgreSQL. The cookie carries a random token; the table keeps only its SHA-256. Sessions
 * end after an idle period and at an absolute limit, and a new token is issued at every change of privilege
 * (password accepted, second factor accepted), so a token seen before sign-in is worthless after it.
 */
import { and, eq, lt, sql } from 'drizzle-orm';
import { type Config } from '../config.js';
import { type Database, asDate, one } from '../db/client.js';
import { userSession } from '../db/schema/index.js';
import { isRole, type Role } from '../domain/roles.js';
import { randomToken, sha256 } from './crypto.js';

export const SESSION_COOKIE = 'threshold_session';

export type SessionStage = 'active' | 'mfa' | 'mfa-enrol';

export interface LoadedSession {
  idHash: string;
  stage: SessionStage;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
  pendingTotpSecretEnc: string | null;
  signInMethod: string;
  user: {
    id: string;
    tenantId: string;
    agencyId: string;
    agencyName: string;
    agencyType: string;
    teamId: string | null;
    email: string;
    displayName: string;
    roles: Role[];
    mfaEnabled: boolean;
  };
}

export class SessionStore {
  constructor(
    private readonly db: Database,
    private readonly config: Pick<Config, 'sessionIdleMinutes' | 'sessionAbsoluteHours'>,
    private readonly now: () => Date,
  ) {}

  /** Creates a session and returns the cookie token. */
  async create(
    db: Database,
    input: { userId: string; tenantId: string; stage: SessionStage; method: string; pendingTotpSecretEnc?: string | null },
  ): Promise<string> {
    const token = randomToken();
    const now = this.now();
    await db.insert(userSession).values({
      idHash: sha256(token),
      userId: input.userId,
      tenantId: input.tenantId,
      stage: input.stage,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + this.config.sessionAbsoluteHours * 3_600_000),
      signInMethod: input.method,
      pendingTotpSecretEnc: input.pendingTotpSecretEnc ?? null,
    });
    return token;
  }

  /**
   * Replaces a session with a new token (and stage), keeping its absolute expiry. The old token stops working.
   */
  async rotate(db: Database, old: LoadedSession, stage: SessionStage): Promise<string> {
    const token = randomToken();
    const now = this.now();
    await db.delete(userSession).where(eq(userSession.idHash, old.idHash));
    await db.insert(userSession).values({
      idHash: sha256(token),
      userId: old.user.id,
      tenantId: old.user.tenantId,
      stage,
      createdAt: old.createdAt,
      lastSeenAt: now,
      expiresAt: old.expiresAt,
      signInMethod: old.signInMethod,
      pendingTotpSecretEnc: null,
    });
    return token;
  }

  async load(token: string | undefined): Promise<LoadedSession | null> {
    if (!token || token.length > 100) return null;
    const idHash = sha256(token);
    const row = await one<{
      id_hash: string;
      stage: string;
      created_at: string;
      last_seen_at: string;
      expires_at: string;
      pending_totp_secret_enc: string | null;
      sign_in_method: string;
      user_id: string;
      tenant_id: string;
      agency_id: string;
      agency_name: string;
      agency_type: string;
      team_id: string | null;
      email: string;
      display_name: string;
      disabled_at: string | null;
      totp_enabled_at: string | null;
      roles: string[] | null;
    }>(
      this.db,
      sql`select s.id_hash, s.stage, s.created_at, s.last_seen_at, s.expires_at, s.pending_totp_secret_enc,
                 s.sign_in_method, u.id as user_id, u.tenant_id, u.agency_id, a.name as agency_name,
                 a.type as agency_type, u.team_id, u.email, u.display_name, u.disabled_at, u.totp_enabled_at,
                 (select array_agg(r.role order by r.role) from role_assignment r where r.user_id = u.id) as roles
            from user_session s
            join app_user u on u.id = s.user_id
            join agency a on a.id = u.agency_id
           where s.id_hash = ${idHash}`,
    );
    if (!row) return null;
    const now = this.now().getTime();
    const lastSeenAt = asDate(row.last_seen_at);
    const expiresAt = asDate(row.expires_at);
    const idleLimit = lastSeenAt.getTime() + this.config.sessionIdleMinutes * 60_000;
    if (row.disabled_at || now >= expiresAt.getTime() || now >= idleLimit) {
      await this.destroy(idHash);
      return null;
    }
    // Record activity at most once a minute, to keep reads cheap.
    if (now - lastSeenAt.getTime() > 60_000) {
      await this.db.update(userSession).set({ lastSeenAt: new Date(now) }).where(eq(userSession.idHash, idHash));
    }
    return {
      idHash,
      stage: row.stage as SessionStage,
      createdAt: asDate(row.created_at),
      lastSeenAt,
      expiresAt,
      pendingTotpSecretEnc: row.pending_totp_secret_enc,
      signInMethod: row.sign_in_method,
      user: {
        id: row.user_id,
        tenantId: row.tenant_id,
        agencyId: row.agency_id,
        agencyName: row.agency_name,
        agencyType: row.agency_type,
        teamId: row.team_id,
        email: row.email,
        displayName: row.display_name,
        roles: (row.roles ?? []).filter(isRole),
        mfaEnabled: row.totp_enabled_at !== null,
      },
    };
  }

  async setPendingTotp(idHash: string, secretEnc: string | null): Promise<void> {
    await this.db.update(userSession).set({ pendingTotpSecretEnc: secretEnc }).where(eq(userSession.idHash, idHash));
  }

  async destroy(idHash: string, db: Database = this.db): Promise<void> {
    await db.delete(userSession).where(eq(userSession.idHash, idHash));
  }

  async destroyAllForUser(db: Database, userId: string): Promise<void> {
    await db.delete(userSession).where(eq(userSession.userId, userId));
  }

  /** Removes expired sessions (run by the background worker). */
  async purgeExpired(): Promise<void> {
    const now = this.now();
    const idleCutoff = new Date(now.getTime() - this.config.sessionIdleMinutes * 60_000);
    await this.db.delete(userSession).where(lt(userSession.expiresAt, now));
    await this.db.delete(userSession).where(and(lt(userSession.lastSeenAt, idleCutoff)));
  }
}
