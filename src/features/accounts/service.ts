/**
 * Accounts: signing in (password, second factor, identity provider), lockout, and administration of users and
 * their roles. Every sign-in, failure, lockout and change is audited.
 */
import { type Config } from '../../config.js';
import { type Database, transaction } from '../../db/client.js';
import { type Role, isRole, requiresMfa } from '../../domain/roles.js';
import { type Actor, type AuditTrail } from '../../platform/audit.js';
import { decrypt, deriveKey, encrypt } from '../../platform/crypto.js';
import { hashPassword, passwordProblem, verifyPassword } from '../../platform/passwords.js';
import { type LoadedSession, type SessionStage, type SessionStore } from '../../platform/sessions.js';
import { checkTotp, newTotpSecret, totpQrSvg, totpUri } from '../../platform/totp.js';
import * as repo from './repository.js';

export type SignInResult =
  | { kind: 'ok'; token: string; stage: SessionStage }
  | { kind: 'invalid' }
  | { kind: 'locked'; until: Date };

export interface UserInput {
  displayName: string;
  email: string;
  agencyId: string;
  teamId: string | null;
  roles: Role[];
  password: string | null;
}

export class AccountService {
  private readonly totpKey: Buffer;

  constructor(
    private readonly db: Database,
    private readonly sessions: SessionStore,
    private readonly audit: AuditTrail,
    private readonly config: Pick<Config, 'secret' | 'lockoutThreshold' | 'lockoutMinutes'>,
    private readonly now: () => Date,
  ) {
    this.totpKey = deriveKey(config.secret, 'totp');
  }

  private stageFor(user: repo.CredentialRow, secondFactorDone: boolean): SessionStage {
    if (secondFactorDone) return 'active';
    if (user.totpEnabledAt) return 'mfa';
    if (requiresMfa(user.roles)) return 'mfa-enrol';
    return 'active';
  }

  private async fail(actor: Actor, user: repo.CredentialRow, action: string): Promise<SignInResult> {
    const failed = user.failedSignIns + 1;
    const lock = failed >= this.config.lockoutThreshold;
    const until = lock ? new Date(this.now().getTime() + this.config.lockoutMinutes * 60_000) : null;
    await transaction(this.db, async (tx) => {
      await repo.recordFailure(tx, user.id, lock ? 0 : failed, until);
      await this.audit.record(tx, { ...actor, userId: user.id, tenantId: user.tenantId }, { action, recordType: 'user', recordId: user.id });
      if (lock) {
        await this.audit.record(tx, { ...actor, userId: user.id, tenantId: user.tenantId }, {
          action: 'auth.locked',
          recordType: 'user',
          recordId: user.id,
          details: { minutes: this.config.lockoutMinutes },
        });
      }
    });
    return lock ? { kind: 'locked', until: until! } : { kind: 'invalid' };
  }

  async signIn(actor: Actor, email: string, password: string): Promise<SignInResult> {
    const user = await repo.findCredentials(this.db, { email });
    const ok = await verifyPassword(user?.passwordHash, password);
    if (!user) {
      await this.audit.recordNow(actor, { action: 'auth.sign_in_failed', details: { reason: 'unknown account' } });
      return { kind: 'invalid' };
    }
    if (user.lockedUntil && user.lockedUntil > this.now()) {
      await this.audit.recordNow({ ...actor, userId: user.id, tenantId: user.tenantId }, { action: 'auth.sign_in_refused_locked', recordType: 'user', recordId: user.id });
      return { kind: 'locked', until: user.lockedUntil };
    }
    if (!ok || user.disabledAt) return this.fail(actor, user, 'auth.sign_in_failed');
    return this.startSession(actor, user, 'password', false);
  }

  private async startSession(actor: Actor, user: repo.CredentialRow, method: string, secondFactorDone: boolean): Promise<SignInResult> {
    const stage = this.stageFor(user, secondFactorDone);
    const token = await transaction(this.db, async (tx) => {
      if (stage === 'active') await repo.recordSuccess(tx, user.id, this.now());
      const t = await this.sessions.create(tx, { userId: user.id, tenantId: user.tenantId, stage, method });
      await this.audit.record(tx, { ...actor, userId: user.id, tenantId: user.tenantId, roles: user.roles }, {
        action: stage === 'active' ? 'auth.signed_in' : 'auth.password_accepted',
        recordType: 'user',
        recordId: user.id,
        details: { method },
      });
      return t;
    });
    return { kind: 'ok', token, stage };
  }

  /** Checks the second factor for a session waiting for it; on success the session is re-issued as active. */
  async completeSecondFactor(actor: Actor, session: LoadedSession, code: string): Promise<SignInResult> {
    const user = await repo.findCredentials(this.db, { id: session.user.id });
    if (!user || !user.totpSecretEnc || session.stage !== 'mfa') return { kind: 'invalid' };
    if (user.lockedUntil && user.lockedUntil > this.now()) return { kind: 'locked', until: user.lockedUntil };
    const step = await checkTotp(decrypt(this.totpKey, user.totpSecretEnc), code, user.totpLastStep, this.now());
    if (step === null) return this.fail(actor, user, 'auth.second_factor_failed');
    const token = await transaction(this.db, async (tx) => {
      await repo.saveTotpStep(tx, user.id, step);
      await repo.recordSuccess(tx, user.id, this.now());
      const t = await this.sessions.rotate(tx, session, 'active');
      await this.audit.record(tx, { ...actor, userId: user.id, tenantId: user.tenantId, roles: user.roles }, {
        action: 'auth.signed_in',
        recordType: 'user',
        recordId: user.id,
        details: { method: `${session.signInMethod}+totp` },
      });
      return t;
    });
    return { kind: 'ok', token, stage: 'active' };
  }

  /** Offers a new TOTP secret for the session's user to add to an authenticator app. */
  async beginEnrolment(session: LoadedSession, issuer: string): Promise<{ secret: string; qrSvg: string }> {
    let secret: string;
    if (session.pendingTotpSecretEnc) {
      secret = decrypt(this.totpKey, session.pendingTotpSecretEnc);
    } else {
      secret = newTotpSecret();
      await this.sessions.setPendingTotp(session.idHash, encrypt(this.totpKey, secret));
    }
    const uri = totpUri(secret, session.user.email, issuer);
    return { secret, qrSvg: await totpQrSvg(uri) };
  }

  /** Confirms enrolment with a code from the app; the session is re-issued as active. */
  async confirmEnrolment(actor: Actor, session: LoadedSession, code: string): Promise<{ kind: 'ok'; token: string } | { kind: 'invalid' }> {
    if (!session.pendingTotpSecretEnc) return { kind: 'invalid' };
    const secret = decrypt(this.totpKey, session.pendingTotpSecretEnc);
    const step = await checkTotp(secret, code, null, this.now());
    if (step === null) return { kind: 'invalid' };
    const token = await transaction(this.db, async (tx) => {
      await repo.saveTotp(tx, session.user.id, encrypt(this.totpKey, secret), step, this.now());
      await repo.recordSuccess(tx, session.user.id, this.now());
      const t = await this.sessions.rotate(tx, session, 'active');
      await this.audit.record(tx, { ...actor, userId: session.user.id, tenantId: session.user.tenantId }, {
        action: 'auth.second_factor_enrolled',
        recordType: 'user',
        recordId: session.user.id,
      });
      return t;
    });
    return { kind: 'ok', token };
  }

  /** Sign-in through the council's identity provider: the account must already exist (matched by subject, then e-mail). */
  async signInWithIdentityProvider(
    actor: Actor,
    claims: { sub: string; email?: string | undefined; amr?: string[] | undefined },
  ): Promise<SignInResult> {
    let user = await repo.findCredentials(this.db, { oidcSubject: claims.sub });
    if (!user && claims.email) {
      user = await repo.findCredentials(this.db, { email: claims.email });
      if (user) await repo.linkOidcSubject(this.db, user.id, claims.sub);
    }
    if (!user || user.disabledAt) {
      await this.audit.recordNow(actor, { action: 'auth.sign_in_failed', details: { reason: 'no account for identity', method: 'oidc' } });
      return { kind: 'invalid' };
    }
    if (user.lockedUntil && user.lockedUntil > this.now()) return { kind: 'locked', until: user.lockedUntil };
    // An identity provider that asserts multi-factor authentication satisfies the second factor.
    const mfaByProvider = (claims.amr ?? []).some((m) => ['mfa', 'otp', 'hwk', 'swk'].includes(m));
    return this.startSession(actor, user, 'oidc', mfaByProvider);
  }

  async signOut(actor: Actor, session: LoadedSession): Promise<void> {
    await transaction(this.db, async (tx) => {
      await this.sessions.destroy(session.idHash, tx);
      await this.audit.record(tx, actor, { action: 'auth.signed_out', recordType: 'user', recordId: session.user.id });
    });
  }

  /** Changes the user's own password; every other session of theirs ends and this one gets a new token. */
  async changePassword(
    actor: Actor,
    session: LoadedSession,
    current: string,
    next: string,
  ): Promise<{ problems: Record<string, string> } | { token: string }> {
    const user = await repo.findCredentials(this.db, { id: session.user.id });
    if (!user || !(await verifyPassword(user.passwordHash, current))) return { problems: { currentPassword: 'Your current password is not correct' } };
    const problem = passwordProblem(next);
    if (problem) return { problems: { newPassword: problem } };
    if (next === current) return { problems: { newPassword: 'New password must be different from your current password' } };
    const passwordHash = await hashPassword(next);
    const token = await transaction(this.db, async (tx) => {
      await repo.updateUser(tx, user.id, { passwordHash });
      await this.sessions.destroyAllForUser(tx, user.id);
      const t = await this.sessions.create(tx, { userId: user.id, tenantId: user.tenantId, stage: 'active', method: session.signInMethod });
      await this.audit.record(tx, actor, { action: 'auth.password_changed', recordType: 'user', recordId: user.id });
      return t;
    });
    return { token };
  }

  // ——— administration ———

  listUsers(tenantId: string) {
    return repo.listUsers(this.db, tenantId);
  }

  getUser(tenantId: string, id: string) {
    return repo.getUser(this.db, tenantId, id);
  }

  /** Returns problems by field, or creates the user and returns its id. */
  async createUser(actor: Actor & { tenantId: string }, input: UserInput): Promise<{ problems: Record<string, string> } | { id: string }> {
    const problems: Record<string, string> = {};
    if (await repo.emailTaken(this.db, input.email)) problems.email = 'A user with this email address already exists';
    if (input.password) {
      const p = passwordProblem(input.password);
      if (p) problems.password = p;
    }
    if (input.roles.some((r) => !isRole(r))) problems.roles = 'Select roles from the list';
    if (Object.keys(problems).length) return { problems };
    const passwordHash = input.password ? await hashPassword(input.password) : null;
    const id = await transaction(this.db, async (tx) => {
      const userId = await repo.insertUser(tx, {
        tenantId: actor.tenantId,
        agencyId: input.agencyId,
        teamId: input.teamId,
        email: input.email,
        displayName: input.displayName,
        passwordHash,
      });
      await repo.replaceRoles(tx, actor.tenantId, userId, input.roles, actor.userId);
      await this.audit.record(tx, actor, { action: 'admin.user_created', recordType: 'user', recordId: userId, details: { roles: input.roles } });
      return userId;
    });
    return { id };
  }

  async updateUser(actor: Actor & { tenantId: string }, id: string, input: UserInput): Promise<{ problems: Record<string, string> } | { id: string }> {
    const problems: Record<string, string> = {};
    if (await repo.emailTaken(this.db, input.email, id)) problems.email = 'A user with this email address already exists';
    if (input.password) {
      const p = passwordProblem(input.password);
      if (p) problems.password = p;
    }
    if (actor.userId === id && !input.roles.includes('system_admin')) {
      problems.roles = 'You cannot remove your own administrator role';
    }
    if (Object.keys(problems).length) return { problems };
    const passwordHash = input.password ? await hashPassword(input.password) : undefined;
    await transaction(this.db, async (tx) => {
      await repo.updateUser(tx, id, {
        displayName: input.displayName,
        email: input.email.toLowerCase(),
        agencyId: input.agencyId,
        teamId: input.teamId,
        ...(passwordHash ? { passwordHash } : {}),
      });
      await repo.replaceRoles(tx, actor.tenantId, id, input.roles, actor.userId);
      // A change of roles or agency ends the user's sessions so new permissions apply at once.
      await this.sessions.destroyAllForUser(tx, id);
      await this.audit.record(tx, actor, {
        action: 'admin.user_updated',
        recordType: 'user',
        recordId: id,
        details: { roles: input.roles, passwordChanged: !!passwordHash },
      });
    });
    return { id };
  }

  async setDisabled(actor: Actor & { tenantId: string }, id: string, disabled: boolean): Promise<void> {
    await transaction(this.db, async (tx) => {
      await repo.updateUser(tx, id, { disabledAt: disabled ? this.now() : null });
      if (disabled) await this.sessions.destroyAllForUser(tx, id);
      await this.audit.record(tx, actor, { action: disabled ? 'admin.user_disabled' : 'admin.user_enabled', recordType: 'user', recordId: id });
    });
  }

  async unlock(actor: Actor & { tenantId: string }, id: string): Promise<void> {
    await transaction(this.db, async (tx) => {
      await repo.updateUser(tx, id, { lockedUntil: null, failedSignIns: 0 });
      await this.audit.record(tx, actor, { action: 'admin.user_unlocked', recordType: 'user', recordId: id });
    });
  }

  async resetSecondFactor(actor: Actor & { tenantId: string }, id: string): Promise<void> {
    await transaction(this.db, async (tx) => {
      await repo.saveTotp(tx, id, null, null, null);
      await this.sessions.destroyAllForUser(tx, id);
      await this.audit.record(tx, actor, { action: 'admin.second_factor_reset', recordType: 'user', recordId: id });
    });
  }

  demoAccounts() {
    return repo.demoAccounts(this.db);
  }
}
