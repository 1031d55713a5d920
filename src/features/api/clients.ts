/**
 * Agency systems that send contacts: OAuth 2 client credentials. The secret is shown once and kept as an argon2id
 * hash; tokens are random, kept as SHA-256 hashes, and expire after an hour. Idempotency records replay the first
 * response to a retried request.
 */
import { sql } from 'drizzle-orm';
import { type Database, asDate, one, rows, transaction } from '../../db/client.js';
import { apiClient, apiToken, idempotencyRecord } from '../../db/schema/index.js';
import { type Actor, type AuditTrail } from '../../platform/audit.js';
import { randomToken, sha256 } from '../../platform/crypto.js';
import { hashPassword, verifyPassword } from '../../platform/passwords.js';

export const TOKEN_LIFETIME_SECONDS = 3600;
/** Idempotency records are kept this long; a retry after that is treated as a new request. */
export const IDEMPOTENCY_RETENTION_HOURS = 72;

export interface AuthenticatedClient {
  id: string;
  tenantId: string;
  agencyId: string;
  agencyType: string;
  name: string;
}

export interface StoredResponse {
  requestHash: string;
  statusCode: number;
  response: unknown;
  headers: Record<string, string>;
}

/** The OAuth 2 error codes the token endpoint answers with (RFC 6749 section 5.2). */
export type OAuthError = 'invalid_request' | 'invalid_client' | 'unsupported_grant_type';

export type TokenRequest =
  | { ok: true; clientId: string; secret: string; basic: boolean }
  | { ok: false; status: 400 | 401; error: OAuthError; description: string; basic: boolean };

/** Client ids and secrets are printable ASCII without spaces (RFC 6749 appendix A's VSCHAR, bounded). */
const CLIENT_ID = /^[\x21-\x7e]{1,100}$/;
const CLIENT_SECRET = /^[\x21-\x7e]{1,200}$/;
const BASIC = /^basic[ \t]+([A-Za-z0-9+/_-]{1,800}={0,2})[ \t]*$/i;
const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** `application/x-www-form-urlencoded` decoding of one Basic credential (RFC 6749 section 2.3.1), or null. */
function formDecode(text: string): string | null {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return null;
  }
}

/**
 * Reads a token request: total over its input. Every malformed or wrongly typed parameter, header or encoding
 * becomes an OAuth 2 error (400 `invalid_request` or `unsupported_grant_type`, 401 `invalid_client`), never an
 * exception. A credential that cannot be a client's says only that the id or secret is wrong, never which.
 */
export function readTokenRequest(body: unknown, authorization: string | undefined): TokenRequest {
  const fields = body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
  const basic = typeof authorization === 'string' && /^basic\b/i.test(authorization);
  const refuse = (status: 400 | 401, error: OAuthError, description: string): TokenRequest => ({ ok: false, status, error, description, basic });
  for (const name of ['grant_type', 'client_id', 'client_secret']) {
    const value = fields[name];
    if (value !== undefined && typeof value !== 'string') return refuse(400, 'invalid_request', `Send ${name} once, as text`);
  }
  const grantType = fields.grant_type as string | undefined;
  if (!grantType) return refuse(400, 'invalid_request', 'Send grant_type=client_credentials');
  if (grantType !== 'client_credentials') return refuse(400, 'unsupported_grant_type', 'Use grant_type=client_credentials');

  let clientId = (fields.client_id as string | undefined) ?? '';
  let secret = (fields.client_secret as string | undefined) ?? '';
  if (basic) {
    if (fields.client_secret !== undefined) {
      return refuse(400, 'invalid_request', 'Send the client credentials one way: in the Authorization header or in the body, not both');
    }
    const match = BASIC.exec(authorization!);
    if (!match) return refuse(400, 'invalid_request', 'The Authorization header must be Basic, then base64 of client_id:client_secret');
    let decoded: string;
    try {
      decoded = UTF8.decode(Buffer.from(match[1]!, 'base64'));
    } catch {
      return refuse(400, 'invalid_request', 'The Basic credentials are not valid UTF-8');
    }
    const colon = decoded.indexOf(':');
    if (colon < 0) return refuse(400, 'invalid_request', 'The Basic credentials must be client_id:client_secret');
    const id = formDecode(decoded.slice(0, colon));
    const password = formDecode(decoded.slice(colon + 1));
    if (id === null || password === null) return refuse(400, 'invalid_request', 'The Basic credentials are not valid percent-encoding');
    if (fields.client_id !== undefined && fields.client_id !== id) {
      return refuse(400, 'invalid_request', 'The client_id in the body is not the one in the Authorization header');
    }
    clientId = id;
    secret = password;
  }
  if (!clientId || !secret) return refuse(401, 'invalid_client', 'Send the client id and secret');
  if (!CLIENT_ID.test(clientId) || !CLIENT_SECRET.test(secret)) {
    return refuse(401, 'invalid_client', 'The client id or secret is wrong, or the client is disabled');
  }
  return { ok: true, clientId, secret, basic };
}

export class ApiClientService {
  constructor(
    private readonly db: Database,
    private readonly audit: AuditTrail,
    private readonly now: () => Date,
  ) {}

  list(tenantId: string) {
    return rows<{ id: string; name: string; client_id: string; agency_name: string; active: boolean; created_at: string; last_used_at: string | null }>(
      this.db,
      sql`select c.id, c.name, c.client_id, a.name as agency_name, c.active, c.created_at, c.last_used_at
            from api_client c join agency a on a.id = c.agency_id where c.tenant_id = ${tenantId} order by a.name, c.name`,
    );
  }

  /** Makes a client; returns its id and secret (shown once, never stored in clear). */
  async create(actor: Actor & { tenantId: string }, input: { agencyId: string; name: string }): Promise<{ id: string; clientId: string; secret: string }> {
    const clientId = `thr_${randomToken(12)}`;
    const secret = randomToken(32);
    const secretHash = await hashPassword(secret);
    const id = await transaction(this.db, async (tx) => {
      const [row] = await tx.insert(apiClient).values({ tenantId: actor.tenantId, agencyId: input.agencyId, name: input.name, clientId, secretHash }).returning({ id: apiClient.id });
      await this.audit.record(tx, actor, { action: 'admin.api_client_created', recordType: 'api_client', recordId: row!.id, details: { agencyId: input.agencyId } });
      return row!.id;
    });
    return { id, clientId, secret };
  }

  async setActive(actor: Actor & { tenantId: string }, id: string, active: boolean): Promise<boolean> {
    return transaction(this.db, async (tx) => {
      const done = await rows<{ id: string }>(tx, sql`update api_client set active = ${active} where id = ${id} and tenant_id = ${actor.tenantId} returning id`);
      if (done.length === 0) return false;
      if (!active) await tx.execute(sql`delete from api_token where api_client_id = ${id}`);
      await this.audit.record(tx, actor, { action: active ? 'admin.api_client_enabled' : 'admin.api_client_disabled', recordType: 'api_client', recordId: id });
      return true;
    });
  }

  /** A token for a client's id and secret, or null (the caller says nothing about which was wrong). */
  async issueToken(clientId: string, secret: string): Promise<{ token: string; expiresIn: number } | null> {
    const client = await one<{ id: string; tenant_id: string; agency_id: string; secret_hash: string; active: boolean }>(
      this.db,
      sql`select id, tenant_id, agency_id, secret_hash, active from api_client where client_id = ${clientId}`,
    );
    // Verify against a dummy hash when the client is unknown, so timing does not tell which ids exist.
    const ok = await verifyPassword(client?.secret_hash ?? null, secret);
    if (!client || !client.active || !ok) return null;
    const token = randomToken(32);
    const now = this.now();
    await transaction(this.db, async (tx) => {
      await tx.insert(apiToken).values({ tokenHash: sha256(token), apiClientId: client.id, expiresAt: new Date(now.getTime() + TOKEN_LIFETIME_SECONDS * 1000) });
      await tx.execute(sql`update api_client set last_used_at = ${now} where id = ${client.id}`);
      await tx.execute(sql`delete from api_token where expires_at < ${now}`);
      await this.audit.record(tx, { userId: null, tenantId: client.tenant_id, agencyId: client.agency_id, roles: [], requestId: null }, { action: 'api.token_issued', recordType: 'api_client', recordId: client.id });
    });
    return { token, expiresIn: TOKEN_LIFETIME_SECONDS };
  }

  /** The client a bearer token belongs to, if the token is live and the client active. */
  async authenticate(token: string): Promise<AuthenticatedClient | null> {
    const row = await one<{ id: string; tenant_id: string; agency_id: string; agency_type: string; name: string }>(
      this.db,
      sql`select c.id, c.tenant_id, c.agency_id, a.type as agency_type, c.name
            from api_token t join api_client c on c.id = t.api_client_id join agency a on a.id = c.agency_id
           where t.token_hash = ${sha256(token)} and t.expires_at > ${this.now()} and c.active and a.active`,
    );
    return row ? { id: row.id, tenantId: row.tenant_id, agencyId: row.agency_id, agencyType: row.agency_type, name: row.name } : null;
  }

  async storedResponse(clientId: string, key: string): Promise<StoredResponse | null> {
    const row = await one<{ request_hash: string; status_code: number; response: unknown; headers: Record<string, string>; created_at: string }>(
      this.db,
      sql`select request_hash, status_code, response, headers, created_at from idempotency_record where api_client_id = ${clientId} and key = ${key}`,
    );
    if (!row) return null;
    if (asDate(row.created_at).getTime() < this.now().getTime() - IDEMPOTENCY_RETENTION_HOURS * 3_600_000) return null;
    return { requestHash: row.request_hash, statusCode: Number(row.status_code), response: row.response, headers: row.headers };
  }

  /** Stores the response in the caller's transaction; a concurrent request with the same key makes this fail. */
  async storeResponse(tx: Database, clientId: string, key: string, stored: StoredResponse): Promise<void> {
    await tx.execute(sql`delete from idempotency_record where api_client_id = ${clientId} and key = ${key} and created_at < ${new Date(this.now().getTime() - IDEMPOTENCY_RETENTION_HOURS * 3_600_000)}`);
    await tx.insert(idempotencyRecord).values({ apiClientId: clientId, key, requestHash: stored.requestHash, statusCode: stored.statusCode, response: stored.response, headers: stored.headers });
  }

  /** What a client may see of a contact it (or its agency) sent: reference, status and deadline only. */
  contactStatus(client: AuthenticatedClient, id: string) {
    return one<{ id: string; reference: string; status: string; received_at: string; decision_due_at: string | null }>(
      this.db,
      sql`select id, reference, status, received_at, decision_due_at from contact
           where id = ${id} and tenant_id = ${client.tenantId} and (api_client_id = ${client.id} or source_agency_id = ${client.agencyId}) and status <> 'draft'`,
    );
  }
}
