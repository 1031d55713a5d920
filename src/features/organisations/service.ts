/** Organisations of an area: agencies (with their type), teams and schools. Administered through pages. */
import { type Permission } from '../../domain/roles.js';
import { type Database, transaction } from '../../db/client.js';
import { type Actor, type AuditTrail } from '../../platform/audit.js';
import * as repo from './repository.js';

type TenantActor = Actor & { tenantId: string };
export type Problems = Record<string, string>;

/**
 * How long an area and its front doors are remembered: they are read before every contact is received, and change
 * only through this service (which forgets them at once in its own process) or setup, so other processes see a
 * change within this time.
 */
const REMEMBER_MS = 30_000;

export class OrganisationService {
  private readonly remembered = new Map<string, { at: number; value: Promise<unknown> }>();

  constructor(
    private readonly db: Database,
    private readonly audit: AuditTrail,
  ) {}

  /** A lookup remembered for a while when it finds something (nothing found is asked again next time). */
  private remember<T>(key: string, load: () => Promise<T | undefined>): Promise<T | undefined> {
    const hit = this.remembered.get(key);
    if (hit && Date.now() - hit.at < REMEMBER_MS) return hit.value as Promise<T | undefined>;
    const value = load();
    this.remembered.set(key, { at: Date.now(), value });
    value.then(
      (v) => v === undefined && this.remembered.delete(key),
      () => this.remembered.delete(key),
    );
    return value;
  }

  tenant(id: string) {
    return this.remember(`tenant:${id}`, () => repo.getTenant(this.db, id));
  }

  agencies(tenantId: string, options: { activeOnly?: boolean } = {}) {
    return repo.listAgencies(this.db, tenantId, options);
  }

  agency(tenantId: string, id: string) {
    return repo.getAgency(this.db, tenantId, id);
  }

  teams(tenantId: string, agencyId?: string) {
    return repo.listTeams(this.db, tenantId, agencyId);
  }

  schools(tenantId: string) {
    return repo.listSchools(this.db, tenantId);
  }

  /** Active users of an agency whose roles give a permission (who to tell about work for that agency). */
  usersWith(tenantId: string, agencyId: string, permission: Permission) {
    return repo.usersWith(this.db, tenantId, agencyId, permission);
  }

  /** Users anywhere in the area with a permission; `tx` when called inside a transaction. */
  areaUsersWith(tenantId: string, permission: Permission, tx: Database = this.db) {
    return repo.areaUsersWith(tx, tenantId, permission);
  }

  frontDoor(tenantId: string, contactType: string) {
    return this.remember(`front-door:${tenantId}:${contactType}`, () => repo.frontDoorAgency(this.db, tenantId, contactType === 'adult' ? 'adult_social_care' : 'children_social_care'));
  }

  async createAgency(actor: TenantActor, input: { name: string; type: string; externalCode: string | null }): Promise<{ problems: Problems } | { id: string }> {
    if (await repo.agencyNameTaken(this.db, actor.tenantId, input.name)) {
      return { problems: { name: 'An agency with this name already exists in your area' } };
    }
    const id = await transaction(this.db, async (tx) => {
      const agencyId = await repo.insertAgency(tx, { tenantId: actor.tenantId, ...input });
      await this.audit.record(tx, actor, { action: 'admin.agency_created', recordType: 'agency', recordId: agencyId, details: { type: input.type } });
      return agencyId;
    });
    this.remembered.clear();
    return { id };
  }

  async updateAgency(actor: TenantActor, id: string, input: { name: string; type: string; externalCode: string | null; active: boolean }): Promise<{ problems: Problems } | { id: string }> {
    if (await repo.agencyNameTaken(this.db, actor.tenantId, input.name, id)) {
      return { problems: { name: 'An agency with this name already exists in your area' } };
    }
    await transaction(this.db, async (tx) => {
      await repo.updateAgency(tx, actor.tenantId, id, input);
      await this.audit.record(tx, actor, { action: 'admin.agency_updated', recordType: 'agency', recordId: id, details: { type: input.type, active: input.active } });
    });
    this.remembered.clear();
    return { id };
  }

  async createTeam(actor: TenantActor, agencyId: string, name: string): Promise<{ problems: Problems } | { id: string }> {
    if (await repo.teamNameTaken(this.db, agencyId, name)) return { problems: { teamName: 'This agency already has a team with this name' } };
    const id = await transaction(this.db, async (tx) => {
      const teamId = await repo.insertTeam(tx, { tenantId: actor.tenantId, agencyId, name });
      await this.audit.record(tx, actor, { action: 'admin.team_created', recordType: 'team', recordId: teamId, details: { agencyId } });
      return teamId;
    });
    return { id };
  }

  async createSchool(actor: TenantActor, input: { name: string; urn: string; phase: string; postcode: string | null }): Promise<{ problems: Problems } | { id: string }> {
    const problems: Problems = {};
    if (await repo.urnTaken(this.db, input.urn)) problems.urn = 'A school with this URN is already registered';
    if (await repo.agencyNameTaken(this.db, actor.tenantId, input.name)) problems.name = 'An agency or school with this name already exists in your area';
    if (Object.keys(problems).length) return { problems };
    const id = await transaction(this.db, async (tx) => {
      const agencyId = await repo.insertAgency(tx, { tenantId: actor.tenantId, name: input.name, type: 'school', externalCode: input.urn });
      await repo.insertSchool(tx, { tenantId: actor.tenantId, agencyId, urn: input.urn, phase: input.phase, postcode: input.postcode });
      await this.audit.record(tx, actor, { action: 'admin.school_created', recordType: 'agency', recordId: agencyId, details: { urn: input.urn } });
      return agencyId;
    });
    return { id };
  }
}
