/**
 * Record-level access, enforced by one mechanism that ends the request when it refuses.
 *
 * A route names the records it opens in its config: `records: { id: 'contact.owned', 'body.personId': 'person' }`
 * (a path parameter, `query.<name>` or `body.<name>`). Before the handler runs, a preHandler loads each named
 * record's facts through the check registered for its kind and applies the record's rule from domain/access.ts.
 * A refusal is audited once (`access.denied`) and thrown as a `RecordRefused`, which the error handler answers
 * (403, or the break-glass page for a restricted record); the handler never runs, so a refused request can neither
 * write nor record a view. Handlers that meet an id anywhere else call `RecordAccess.require`, the same code path.
 */
import { type FastifyInstance, type FastifyRequest } from 'fastify';
import { type AccessDecision, type RecordKind } from '../domain/access.js';
import { type AuditTrail } from './audit.js';
import { type RestrictedRecordType } from './break-glass.js';
import { type CurrentUser, actorOf, requireUser } from './authz.js';
import { HttpProblem, notFound } from './errors.js';
import { isUuid } from './params.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * The records this route opens: where each id is (a path parameter by name, or `query.<name>` / `body.<name>`)
     * and which kind of record it is. Every route with an id in its path must name it (the route-walk test checks).
     */
    records?: Readonly<Record<string, RecordKind>>;
  }
}

/** Says whether a viewer may open one record of a kind: undefined when there is no such record. */
export type RecordCheck = (viewer: CurrentUser, id: string, request: FastifyRequest) => Promise<AccessDecision | undefined>;

export type RecordChecks = Readonly<Record<RecordKind, RecordCheck>>;

/** Thrown when a record may not be opened. The refusal has been audited; the error handler answers it. */
export class RecordRefused extends HttpProblem {
  constructor(
    readonly kind: RecordKind,
    readonly recordId: string,
    readonly decision: Exclude<AccessDecision, { outcome: 'allow' }>,
    readonly breakGlassPath: string | null,
  ) {
    super(SAYS_IT_EXISTS.has(recordTypeOf(kind)) ? 403 : 404, refusalText(kind));
    this.redirectTo = breakGlassPath ?? undefined;
  }
}

/**
 * Record types whose refusal says the record exists but is not shared (403): a contact or person the viewer's
 * agency could ask to be shared, and a request addressed to agencies by name. Every other refusal answers as if
 * there were no such record (404), so a guessed id reveals nothing. Both are audited.
 */
const SAYS_IT_EXISTS = new Set(['contact', 'person', 'info_request', 'setting', 'adult_concern', 'csc_referral']);

/** Record kinds whose restriction can be lifted with a stated reason (break glass), and the type it is recorded as. */
const BREAK_GLASS_TYPES: Partial<Record<RecordKind, RestrictedRecordType>> = {
  csc_referral: 'csc_referral',
  'csc_referral.owned': 'csc_referral',
  child_plan: 'csc_referral',
  'child_plan.owned': 'csc_referral',
  lado_allegation: 'lado_allegation',
  'lado_allegation.owned': 'lado_allegation',
  contact: 'contact',
  'contact.owned': 'contact',
  person: 'person',
  adult_concern: 'adult_concern',
  'adult_concern.owned': 'adult_concern',
};

/** The audit trail's record type for a kind ('contact.owned' is a contact). */
export function recordTypeOf(kind: RecordKind): string {
  const dot = kind.indexOf('.');
  return dot === -1 ? kind : kind.slice(0, dot);
}

function refusalText(kind: RecordKind): string {
  if (kind === 'contact.owned') return 'Only the agency that owns this contact can screen, allocate, share or record it.';
  if (kind === 'info_request.asked') return 'Only the agency asked can answer this request.';
  if (kind === 'setting') return 'You can choose key adults and set the calendar for your own school only.';
  if (kind === 'adult_concern.owned') return 'Only the adult safeguarding team that owns this concern can record its test, decision and enquiry.';
  if (kind === 'adult_contribution.asked') return 'Only the agency asked can answer this request.';
  if (kind === 'csc_referral.owned' || kind === 'child_plan.owned') return 'Only children’s social care workers can record the work on this case.';
  if (kind === 'cp_conference.chair') return 'Only a conference chair can convene, record or decide this conference.';
  if (kind === 'conference_invite.agency') return 'Only the agency invited can write its report.';
  if (kind === 'cme_referral.owned') return 'Only the children missing education service can record enquiries and outcomes.';
  if (kind === 'lado_allegation.owned') return 'Only the designated officer’s service can record the work on this allegation.';
  if (kind === 'early_help_episode.lead') return 'Only the lead practitioner’s agency or the early help service can record this.';
  if (kind === 'lead_transfer.to') return 'Only the agency asked to take the lead can accept or decline it.';
  const words: Record<string, string> = {
    contact: 'contact',
    person: 'person',
    da_case: 'domestic abuse case',
    mada_meeting: 'triage meeting',
    marac_referral: 'MARAC referral',
    marac_meeting: 'MARAC meeting',
    da_action: 'action',
    encompass_notice: 'Operation Encompass notification',
    da_service_case: 'case',
    info_request: 'information request',
    adult_concern: 'adult safeguarding concern',
    adult_contribution: 'request to contribute',
    care_provider: 'care provider',
    provider_enquiry: 'provider enquiry',
    dols_application: 'DoLS application',
    lead_transfer: 'transfer of the lead',
    csc_referral: 'child’s case',
    cp_conference: 'conference',
    conference_invite: 'conference invitation',
    child_plan: 'plan',
    early_help_episode: 'early help episode',
    cme_referral: 'children missing education referral',
    ehe_registration: 'home education registration',
    lado_allegation: 'allegation',
  };
  const type = recordTypeOf(kind);
  if (SAYS_IT_EXISTS.has(type)) return `This ${words[type] ?? 'record'} has not been shared with your agency.`;
  return `This ${words[type] ?? 'record'} does not exist, or has not been shared with your agency.`;
}

/** Where a record's id is in a request, from a `records` key: `id`, `query.personId`, `body.personId`. */
function idAt(request: FastifyRequest, key: string): unknown {
  const dot = key.indexOf('.');
  if (dot === -1) return (request.params as Record<string, unknown> | undefined)?.[key];
  const where = key.slice(0, dot);
  const name = key.slice(dot + 1);
  const source = where === 'query' ? request.query : where === 'body' ? request.body : undefined;
  if (!source || typeof source !== 'object' || Array.isArray(source)) return undefined;
  return Object.hasOwn(source, name) ? (source as Record<string, unknown>)[name] : undefined;
}

export class RecordAccess {
  constructor(
    private readonly audit: AuditTrail,
    private readonly checks: RecordChecks,
  ) {}

  /** The viewer's decision on a record, without enforcing it (undefined when there is no such record). */
  decide(request: FastifyRequest, kind: RecordKind, id: string): Promise<AccessDecision | undefined> {
    return this.checks[kind](requireUser(request), id.toLowerCase(), request);
  }

  /**
   * Ends the request unless the viewer may open the record: 404 when it does not exist (or the id is not an id),
   * otherwise an audited refusal. Returns the id, lower-cased.
   */
  async require(request: FastifyRequest, kind: RecordKind, rawId: unknown): Promise<string> {
    if (!isUuid(rawId)) throw notFound();
    const id = rawId.toLowerCase();
    return this.enforce(request, kind, id, await this.decide(request, kind, id));
  }

  private async enforce(request: FastifyRequest, kind: RecordKind, id: string, decision: AccessDecision | undefined): Promise<string> {
    if (!decision) throw notFound();
    if (decision.outcome === 'allow') return id;
    const type = BREAK_GLASS_TYPES[kind];
    if (decision.outcome === 'needs-reason' && type) {
      // After the reason: back to the page asked for; from a form, to that form's own page (contacts and people: the record).
      const returnTo = request.method === 'GET' || (type !== 'contact' && type !== 'person') ? request.url : `/${type === 'person' ? 'people' : 'contacts'}/${id}`;
      throw new RecordRefused(kind, id, decision, `/break-glass?type=${type}&id=${id}&returnTo=${encodeURIComponent(returnTo)}`);
    }
    await this.audit.recordNow(actorOf(request), {
      action: 'access.denied',
      recordType: recordTypeOf(kind),
      recordId: id,
      details: { why: decision.outcome === 'deny' ? decision.reason : 'restricted', kind },
    });
    throw new RecordRefused(kind, id, decision, null);
  }

  /** Checks every record a route names, before its handler runs. */
  register(app: FastifyInstance): void {
    app.addHook('preHandler', async (request) => {
      const records = request.routeOptions.config?.records;
      if (!records || request.is404) return;
      for (const [key, kind] of Object.entries(records)) {
        const value = idAt(request, key);
        if (!key.includes('.')) {
          await this.require(request, kind, value);
          continue;
        }
        // An id in a query or a form that is missing, not an id, or of no record is the form's to report (the
        // handler finds nothing to use); one of a record the viewer may not open ends the request here.
        if (!isUuid(value)) continue;
        const id = value.toLowerCase();
        const decision = await this.decide(request, kind, id);
        if (decision) await this.enforce(request, kind, id, decision);
      }
    });
  }
}
