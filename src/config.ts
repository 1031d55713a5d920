/**
 * One typed reader for configuration. Every setting has a name, a fallback for development and, where it
 * matters, a refusal to start in production without it.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { deriveKey } from './platform/crypto.js';

export class ConfigError extends Error {}

type Env = Record<string, string | undefined>;

export function get(
  env: Env,
  name: string,
  fallback: string | undefined,
  options: { requireInProduction?: boolean } = {},
): string {
  const value = env[name];
  if (value !== undefined && value !== '') return value;
  if (options.requireInProduction && env.NODE_ENV === 'production') {
    throw new ConfigError(`${name} must be set when NODE_ENV=production`);
  }
  if (fallback === undefined) throw new ConfigError(`${name} must be set`);
  return fallback;
}

function int(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = get(env, name, String(fallback));
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max} (got "${raw}")`);
  }
  return value;
}

function bool(env: Env, name: string, fallback: boolean): boolean {
  const raw = get(env, name, fallback ? 'true' : 'false').toLowerCase();
  if (['true', '1', 'yes'].includes(raw)) return true;
  if (['false', '0', 'no'].includes(raw)) return false;
  throw new ConfigError(`${name} must be true or false (got "${raw}")`);
}

export interface OidcConfig {
  issuer: string;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  /** The label on the sign-in button, e.g. "Sign in with Harrowdene Council account". */
  label: string;
  /** Allow plain-http issuers: only for local testing against a fake identity provider. */
  allowInsecure: boolean;
}

function publicUrl(env: NodeJS.ProcessEnv, nodeEnv: string): string {
  const value = get(env, 'PUBLIC_URL', `http://localhost:${env.PORT ?? '3000'}`).replace(/\/+$/, '');
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError('PUBLIC_URL must be a web address, like https://threshold.example.gov.uk');
  }
  if (nodeEnv === 'production' && url.protocol !== 'https:') throw new ConfigError('PUBLIC_URL must start with https:// when NODE_ENV=production');
  return value;
}

export interface SignInThrottleConfig {
  /** Failed attempts at one account from one source (a known device, else an address) before delays begin. */
  freeAttempts: number;
  /** Failed attempts from one address, across accounts, before its attempts are delayed. */
  sourceFreeAttempts: number;
  /** Failed attempts at one account from unknown devices, across addresses, before those are delayed. */
  accountFreeAttempts: number;
  /** The first delay; each further failure doubles it, up to `maxDelaySeconds`. */
  baseDelaySeconds: number;
  maxDelaySeconds: number;
  /** A counter is forgotten this long after its last failure. */
  windowMinutes: number;
}

function signInThrottle(env: Env): SignInThrottleConfig {
  // LOCKOUT_THRESHOLD (the account lock this replaced) still sets the per-account-and-source allowance.
  const legacy = env.SIGN_IN_FREE_ATTEMPTS ? undefined : env.LOCKOUT_THRESHOLD;
  return {
    freeAttempts: legacy ? int(env, 'LOCKOUT_THRESHOLD', 5, 1, 100) : int(env, 'SIGN_IN_FREE_ATTEMPTS', 5, 1, 100),
    sourceFreeAttempts: int(env, 'SIGN_IN_SOURCE_FREE_ATTEMPTS', 30, 1, 10_000),
    accountFreeAttempts: int(env, 'SIGN_IN_ACCOUNT_FREE_ATTEMPTS', 50, 1, 10_000),
    baseDelaySeconds: int(env, 'SIGN_IN_BASE_DELAY_SECONDS', 1, 1, 3600),
    maxDelaySeconds: int(env, 'SIGN_IN_MAX_DELAY_SECONDS', 300, 1, 24 * 3600),
    windowMinutes: int(env, 'SIGN_IN_THROTTLE_WINDOW_MINUTES', 60, 1, 7 * 24 * 60),
  };
}

export interface Config {
  env: 'production' | 'development' | 'test';
  port: number;
  host: string;
  /** postgres://… for a real server; undefined for embedded PGlite. */
  databaseUrl: string | undefined;
  databasePoolSize: number;
  /** Where PGlite keeps its files when no DATABASE_URL is set. */
  dataDir: string;
  /** Secret for signing cookies and encrypting second-factor secrets at rest (32+ bytes). */
  secret: string;
  /**
   * The key of the audit trail's checkpoint MACs (AUDIT_CHECKPOINT_KEY, 32+ characters; required in production).
   * Never stored in the database. Outside production it is derived from THRESHOLD_SECRET when not set.
   */
  auditCheckpointKey: Buffer;
  /**
   * Templates read again on every page (RELOAD_TEMPLATES, off by default): for someone editing them, so a change
   * shows without a restart. Never in production. Off, each template is compiled once.
   */
  reloadTemplates: boolean;
  /** Demo mode lists the demo sign-ins on the sign-in page. Never in production. */
  demo: boolean;
  /** Seed demo data when the database has no tenant. */
  seedDemoWhenEmpty: boolean;
  trustProxy: boolean;
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
  /** Sign-in throttling (src/features/accounts/throttle.ts): failures allowed before delays begin, per scope. */
  signInThrottle: SignInThrottleConfig;
  signInRateLimitPerMinute: number;
  bodyLimitBytes: number;
  /** Largest police notification file accepted for bulk upload. */
  importMaxBytes: number;
  /** The address people use to reach Threshold, for links in emails (https://threshold.example.gov.uk). */
  publicUrl: string;
  logLevel: string;
  oidc: OidcConfig | undefined;
  /** The public site (issue 18): which area it speaks for, its own host if it has one, and its fallbacks. */
  publicSite: PublicSiteConfig;
  version: string;
  gitSha: string;
}

export interface PublicSiteConfig {
  /** The area (tenant code) whose public site this is; empty: the only area there is. */
  area: string;
  /** A host name that serves only the public site (e.g. help.fernmoor.gov.uk); empty: served under /help on any host. */
  host: string;
  /** Where "Exit this page" goes: a neutral page. */
  exitUrl: string;
  /** Numbers shown when a report cannot be taken online (database unreachable, too many reports): never from the database. */
  childrenPhone: string;
  adultsPhone: string;
  outOfHoursPhone: string;
  /** Reports accepted from one source (address) per hour, and from everyone per hour, before the phone page is shown. */
  reportsPerSourcePerHour: number;
  reportsPerHour: number;
  /** Public pages one source may open per minute. */
  pagesPerSourcePerMinute: number;
}

function publicSite(env: Env): PublicSiteConfig {
  const exitUrl = get(env, 'PUBLIC_EXIT_URL', 'https://www.bbc.co.uk/weather');
  if (!/^https:\/\/[^\s]+$/.test(exitUrl)) throw new ConfigError('PUBLIC_EXIT_URL must be a web address starting with https://');
  return {
    area: get(env, 'PUBLIC_AREA', ''),
    host: get(env, 'PUBLIC_HOST', '').toLowerCase(),
    exitUrl,
    childrenPhone: get(env, 'PUBLIC_PHONE_CHILDREN', '01632 960 000'),
    adultsPhone: get(env, 'PUBLIC_PHONE_ADULTS', '01632 960 010'),
    outOfHoursPhone: get(env, 'PUBLIC_PHONE_OUT_OF_HOURS', '01632 960 999'),
    reportsPerSourcePerHour: int(env, 'PUBLIC_REPORTS_PER_SOURCE_PER_HOUR', 10, 1, 10_000),
    reportsPerHour: int(env, 'PUBLIC_REPORTS_PER_HOUR', 300, 1, 1_000_000),
    pagesPerSourcePerMinute: int(env, 'PUBLIC_PAGES_PER_SOURCE_PER_MINUTE', 600, 10, 1_000_000),
  };
}

function readOrCreateDevSecret(dataDir: string): string {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, 'dev-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

function packageVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(resolve('package.json'), 'utf8')) as { version?: string };
    return pkg.version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

/**
 * The audit checkpoint key: the UTF-8 bytes of AUDIT_CHECKPOINT_KEY. Required in production, where it must differ
 * from THRESHOLD_SECRET so it can be held (and rotated) on its own; elsewhere derived from THRESHOLD_SECRET.
 */
function checkpointKey(env: Env, nodeEnv: Config['env'], secret: string): Buffer {
  const value = get(env, 'AUDIT_CHECKPOINT_KEY', '', { requireInProduction: true });
  if (value === '') return deriveKey(secret, 'audit-checkpoint');
  if (value.length < 32) throw new ConfigError('AUDIT_CHECKPOINT_KEY must be at least 32 characters');
  if (nodeEnv === 'production' && value === secret) throw new ConfigError('AUDIT_CHECKPOINT_KEY must not be THRESHOLD_SECRET');
  return Buffer.from(value, 'utf8');
}

export function loadConfig(env: Env = process.env): Config {
  const nodeEnv = env.NODE_ENV === 'production' ? 'production' : env.NODE_ENV === 'test' ? 'test' : 'development';
  const dataDir = resolve(get(env, 'DATA_DIR', './data'));
  const databaseUrl = env.DATABASE_URL || undefined;
  const secret =
    env.THRESHOLD_SECRET ||
    (nodeEnv === 'production'
      ? (() => {
          throw new ConfigError('THRESHOLD_SECRET must be set when NODE_ENV=production');
        })()
      : nodeEnv === 'test'
        ? 'test-secret-not-for-use-anywhere-else-000000'
        : readOrCreateDevSecret(dataDir));
  if (secret.length < 32) throw new ConfigError('THRESHOLD_SECRET must be at least 32 characters');
  const auditCheckpointKey = checkpointKey(env, nodeEnv, secret);
  const demo = bool(env, 'DEMO_MODE', nodeEnv !== 'production');
  if (demo && nodeEnv === 'production') throw new ConfigError('DEMO_MODE cannot be true when NODE_ENV=production');
  const reloadTemplates = bool(env, 'RELOAD_TEMPLATES', false);
  if (reloadTemplates && nodeEnv === 'production') throw new ConfigError('RELOAD_TEMPLATES cannot be true when NODE_ENV=production');

  let oidc: OidcConfig | undefined;
  if (env.OIDC_ISSUER) {
    oidc = {
      issuer: env.OIDC_ISSUER,
      clientId: get(env, 'OIDC_CLIENT_ID', undefined),
      clientSecret: get(env, 'OIDC_CLIENT_SECRET', undefined),
      redirectUri: get(env, 'OIDC_REDIRECT_URI', undefined),
      label: get(env, 'OIDC_LABEL', 'Sign in with your organisation account'),
      allowInsecure: bool(env, 'OIDC_ALLOW_INSECURE', false),
    };
    if (oidc.allowInsecure && nodeEnv === 'production') {
      throw new ConfigError('OIDC_ALLOW_INSECURE cannot be true when NODE_ENV=production');
    }
  }

  return {
    env: nodeEnv,
    port: int(env, 'PORT', 3000, 0, 65535),
    host: get(env, 'HOST', nodeEnv === 'production' ? '0.0.0.0' : '127.0.0.1'),
    databaseUrl,
    databasePoolSize: int(env, 'DATABASE_POOL_SIZE', 10, 1, 200),
    dataDir,
    secret,
    auditCheckpointKey,
    reloadTemplates,
    demo,
    seedDemoWhenEmpty: bool(env, 'SEED_DEMO_WHEN_EMPTY', nodeEnv !== 'production'),
    trustProxy: bool(env, 'TRUST_PROXY', false),
    sessionIdleMinutes: int(env, 'SESSION_IDLE_MINUTES', 30, 1, 24 * 60),
    sessionAbsoluteHours: int(env, 'SESSION_ABSOLUTE_HOURS', 12, 1, 7 * 24),
    signInThrottle: signInThrottle(env),
    signInRateLimitPerMinute: int(env, 'SIGN_IN_RATE_LIMIT_PER_MINUTE', 20, 1, 10_000),
    bodyLimitBytes: int(env, 'BODY_LIMIT_BYTES', 512 * 1024, 1024, 50 * 1024 * 1024),
    importMaxBytes: int(env, 'IMPORT_MAX_BYTES', 200 * 1024 * 1024, 1024, 1024 * 1024 * 1024),
    publicUrl: publicUrl(env, nodeEnv),
    logLevel: get(env, 'LOG_LEVEL', nodeEnv === 'test' ? 'silent' : 'info'),
    oidc,
    publicSite: publicSite(env),
    version: packageVersion(),
    gitSha: get(env, 'GIT_SHA', 'unknown'),
  };
}
