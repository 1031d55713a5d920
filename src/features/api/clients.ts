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
