/**
 * Accounts: signing in (password, second factor, identity provider), throttling of failed attempts
 * (throttle.ts), and administration of users and their roles. Every sign-in, failure, delay and change is
 * audited, with ids only: the email address typed is never recorded in clear.
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
import { type AttemptSource, SignInThrottle, type ThrottleScope, type ThrottleSubject } from './throttle.js';

export type SignInResult =
  /** `deviceCookie`: the known-device cookie to give the browser, when the sign-in is complete. */
  | { kind: 'ok'; token: string; stage: SessionStage; deviceCookie?: string }
  | { kind: 'invalid' }
  /** Too many recent failures in one of the attempt's scopes: the same answer whether the account exists or not. */
  | { kind: 'throttled'; retryAfterSeconds: number };

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
  readonly throttle: SignInThrottle;

  constructor(
    private readonly db: Database,
    private readonly sessions: SessionStore,
    private readonly audit: AuditTrail,
    config: Pick<Config, 'secret' | 'signInThrottle'>,
    private readonly now: () => Date,
  ) {
    this.totpKey = deriveKey(config.secret, 'totp');
    this.throttle = new SignInThrottle(db, config.signInThrottle, config.secret, now);
  }

  private stageFor(user: repo.CredentialRow, secondFactorDone: boolean): SessionStage {
    if (secondFactorDone) return 'active';
    if (user.totpEnabledAt) return 'mfa';
    if (requiresMfa(user.roles)) return 'mfa-enrol';
    return 'active';
  }

  /** Who an attempt is audited as: the account when the address typed has one, else the anonymous visitor. */
  private attemptActor(actor: Actor, user: repo.CredentialRow | undefined): Actor {
    return user ? { ...actor, userId: user.id, tenantId: user.tenantId } : actor;
  }

  /** An opaque id for the account tried, known or not, so audit events about one address can be linked. */
  private accountRef(subject: ThrottleSubject): string {
    return subject.accountHash.slice(0, 16);
  }

  /** Refuses an attempt made before its delay ended: audited, and answered alike for known and unknown accounts. */
  private async throttled(actor: Actor, subject: ThrottleSubject, user: repo.CredentialRow | undefined, step: 'password' | 'code', wait: { seconds: number; scope: ThrottleScope }): Promise<SignInResult> {
    await this.audit.recordNow(this.attemptActor(actor, user), {
      action: 'auth.sign_in_throttled',
      ...(user ? { recordType: 'user', recordId: user.id } : {}),
      details: { step, scope: wait.scope, retryAfterSeconds: wait.seconds, account: this.accountRef(subject), knownDevice: subject.deviceKnown },
    });
    return { kind: 'throttled', retryAfterSeconds: wait.seconds };
  }

  /** Counts a failed password or code in every scope of the attempt, and audits it (and any delay it starts). */
  private async fail(actor: Actor, subject: ThrottleSubject, user: repo.CredentialRow | undefined, action: string, reason: string): Promise<SignInResult> {
    const who = this.attemptActor(actor, user);
    const target = user ? { recordType: 'user', recordId: user.id } : {};
    await transaction(this.db, async (tx) => {
      const started = await this.throttle.fail(tx, subject, user?.id ?? null);
      await this.audit.record(tx, who, { action, ...target, details: { reason, account: this.accountRef(subject), knownDevice: subject.deviceKnown } });
      for (const scope of started) {
        await this.audit.record(tx, who, { action: 'auth.sign_in_slowed', ...target, details: { scope, account: this.accountRef(subject) } });
      }
    });
    return { kind: 'invalid' };
  }

  /**
   * Signs in with a password. Known and unknown accounts take the same path: the throttle is keyed by what was
   * typed, the password is checked against a dummy argon2 hash when there is no account, and a failure is counted
   * and audited the same way.
   */
  async signIn(actor: Actor, email: string, password: string, source: AttemptSource): Promise<SignInResult> {
    const subject = this.throttle.subject(email, source);
    const wait = await this.throttle.wait(subject);
    const user = await repo.findCredentials(this.db, { email });
    if (wait) return this.throttled(actor, subject, user, 'password', wait);
    const ok = await verifyPassword(user?.passwordHash, password);
    if (!user) return this.fail(actor, subject, undefined, 'auth.sign_in_failed', 'unknown account');
    if (!ok || user.disabledAt) return this.fail(actor, subject, user, 'auth.sign_in_failed', ok ? 'disabled' : 'wrong password');
    return this.startSession(actor, user, 'password', false, { subject, email, device: source.device });
  }

  /**
   * Starts a session. When it is active at once and came through the throttle (a password), the counter for this
   * account from this source starts again and the browser becomes a known device for the account.
   */
  private async startSession(
    actor: Actor,
    user: repo.CredentialRow,
    method: string,
    secondFactorDone: boolean,
    attempt?: { subject: ThrottleSubject; email: string; device: string | undefined },
  ): Promise<SignInResult> {
    const stage = this.stageFor(user, secondFactorDone);
    const token = await transaction(this.db, async (tx) => {
      if (stage === 'active') await repo.recordSuccess(tx, user.id, this.now());
      if (stage === 'active' && attempt) await this.throttle.succeed(tx, attempt.subject);
      const t = await this.sessions.create(tx, { userId: user.id, tenantId: user.tenantId, stage, method });
      await this.audit.record(tx, { ...actor, userId: user.id, tenantId: user.tenantId, roles: user.roles }, {
        action: stage === 'active' ? 'auth.signed_in' : 'auth.password_accepted',
        recordType: 'user',
        recordId: user.id,
        details: { method },
      });
      return t;
    });
    if (stage === 'active' && attempt) return { kind: 'ok', token, stage, deviceCookie: this.throttle.deviceCookie(attempt.email, attempt.device) };
    return { kind: 'ok', token, stage };
  }

  /** Checks the second factor for a session waiting for it; on success the session is re-issued as active. */
  /** Throttled like the password: the same counters, so guessing codes is slowed by account and source. */
  async completeSecondFactor(actor: Actor, session: LoadedSession, code: string, source: AttemptSource): Promise<SignInResult> {
    const user = await repo.findCredentials(this.db, { id: session.user.id });
    if (!user || !user.totpSecretEnc || session.stage !== 'mfa') return { kind: 'invalid' };
    const subject = this.throttle.subject(session.user.email, source);
    const wait = await this.throttle.wait(subject);
    if (wait) return this.throttled(actor, subject, user, 'code', wait);
    const step = await checkTotp(decrypt(this.totpKey, user.totpSecretEnc), code, user.totpLastStep, this.now());
    if (step === null) return this.fail(actor, subject, user, 'auth.second_factor_failed', 'wrong code');
    const token = await transaction(this.db, async (tx) => {
      await repo.saveTotpStep(tx, user.id, step);
      await repo.recordSuccess(tx, user.id, this.now());
      await this.throttle.succeed(tx, subject);
      const t = await this.sessions.rotate(tx, session, 'active');
      await this.audit.record(tx, { ...actor, userId: user.id, tenantId: user.tenantId, roles: user.roles }, {
        action: 'auth.signed_in',
        recordType: 'user',
        recordId: user.id,
        details: { method: `${session.signInMethod}+totp` },
      });
      return t;
    });
    return { kind: 'ok', token, stage: 'active', deviceCookie: this.throttle.deviceCookie(session.user.email, source.device) };
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
    return repo.listUsers(this.db, tenantId, this.now());
  }

  /** A page of the area's users for a filter (all, sign-ins slowed, not signed in for 90 days), with its total. */
  userPage(tenantId: string, show: repo.UserShow, page: number, pageSize: number) {
    return repo.userPage(this.db, tenantId, this.now(), show, pageSize, (page - 1) * pageSize);
  }

  getUser(tenantId: string, id: string) {
    return repo.getUser(this.db, tenantId, id, this.now());
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

  /**
   * Clears the failed sign-in attempts counted against a user's account (from every source), so delays on it end
   * at once: for an officer slowed down on a new device, or behind the same address as an attacker.
   */
  async clearFailedSignIns(actor: Actor & { tenantId: string }, id: string): Promise<void> {
    const target = await repo.getUser(this.db, actor.tenantId, id, this.now());
    if (!target) return;
    await transaction(this.db, async (tx) => {
      const cleared = await this.throttle.clearAccount(tx, target.email, id);
      await this.audit.record(tx, actor, { action: 'admin.sign_in_failures_cleared', recordType: 'user', recordId: id, details: { counters: cleared } });
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
