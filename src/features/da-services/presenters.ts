/** Words, tags and timeline items for domestic abuse service cases: risk and status in words, never colour alone. */
import { asDate } from '../../db/client.js';
import { formatDate } from '../../domain/dates.js';
import { daysWaiting, describeDaysWaiting, isDaService, riskChangeOutcome, serviceForRisk, serviceInSentence, serviceLabel } from '../../domain/da-services.js';
import { labelOf } from '../../domain/codes.js';
import { isRiskLevel } from '../../domain/domestic-abuse.js';
import { RISK_LEVELS } from '../../domain/intake.js';
import { type CaseRow, type CaseloadRow, type HistoryRow, type ListRow } from './repository.js';
import { serviceCasePath } from './paths.js';

export interface Tag {
  text: string;
  classes: string;
}

const RISK_CLASSES: Record<string, string> = { high: 'govuk-tag--red', medium: 'govuk-tag--orange', standard: 'govuk-tag--blue' };

export function riskWord(risk: string | null): string {
  return risk && isRiskLevel(risk) ? labelOf(RISK_LEVELS, risk) : (risk ?? '');
}

export function riskTag(risk: string): Tag {
  return { text: `${riskWord(risk)} risk`, classes: RISK_CLASSES[risk] ?? 'govuk-tag--grey' };
}

/** The risk tag for a case's heading: the current level, or once closed the level at closure. */
export function caseRiskTag(c: Pick<CaseRow, 'status' | 'current_risk' | 'risk_at_closure'>): Tag {
  if (c.status === 'closed' && c.risk_at_closure) {
    const tag = riskTag(c.risk_at_closure);
    return { ...tag, text: `${tag.text} at closure` };
  }
  return riskTag(c.current_risk);
}

export function statusTag(status: string): Tag {
  switch (status) {
    case 'waiting':
      return { text: 'Waiting for a keyworker', classes: 'govuk-tag--yellow' };
    case 'allocated':
      return { text: 'Allocated', classes: 'govuk-tag--green' };
    case 'closed':
      return { text: 'Closed', classes: 'govuk-tag--grey' };
    default:
      return { text: status, classes: 'govuk-tag--grey' };
  }
}

/** A row of a caseload or waiting list, with its wait in words. */
export function listRow(r: ListRow, now: Date) {
  const days = daysWaiting(asDate(r.referred_at), now);
  return { ...r, service: serviceLabel(r.service), risk: riskTag(r.current_risk), waited: describeDaysWaiting(days), daysWaiting: days, link: serviceCasePath(r.id) };
}

export function workerRow(r: CaseloadRow) {
  return { name: r.display_name, allocated: Number(r.allocated), handedOver: Number(r.handed_over), takenOver: Number(r.taken_over) };
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function isoOf(value: string | Date): string {
  return asDate(value).toISOString();
}

function reasonHtml(reason: string | null): string {
  return reason ? `<p class="govuk-body app-narrative">${escapeHtml(reason)}</p>` : '';
}

export interface TimelineItem {
  label: { text: string };
  text?: string;
  html?: string;
  byline?: { text: string };
  datetime: { timestamp: string; type: 'datetime' };
}

/** MOJ timeline items for the case's history (already newest first). */
export function timelineItems(rows: readonly HistoryRow[], service: string): TimelineItem[] {
  return rows.map((h): TimelineItem => {
    const base = { datetime: { timestamp: isoOf(h.at), type: 'datetime' as const }, ...(h.by_name ? { byline: { text: h.by_name } } : {}) };
    switch (h.kind) {
      case 'referral':
        return { ...base, label: { text: `Referred to the ${serviceInSentence(service)}` }, text: `Risk at referral: ${riskWord(h.to_risk)}` };
      case 'allocation':
        return { ...base, label: { text: `Allocated to ${h.to_name ?? 'a worker'}` }, text: 'First keyworker' };
      case 'handover':
        return { ...base, label: { text: `Handed over from ${h.from_name ?? 'no keyworker'} to ${h.to_name ?? 'a worker'}` }, html: `<p class="govuk-body govuk-!-margin-bottom-1"><strong>Handover</strong> (counted)</p>${reasonHtml(h.reason)}` };
      case 'risk_change': {
        const raised = h.from_risk && h.to_risk && isRiskLevel(h.from_risk) && isRiskLevel(h.to_risk) && isDaService(service) ? riskChangeOutcome(service, h.from_risk, h.to_risk).direction : 'changed';
        const kept = h.to_name ? `${h.to_name} stayed the keyworker.` : 'There was no keyworker yet.';
        return { ...base, label: { text: `Risk level ${raised} from ${riskWord(h.from_risk).toLowerCase()} to ${riskWord(h.to_risk).toLowerCase()}` }, html: `${reasonHtml(h.reason)}<p class="govuk-body">${escapeHtml(kept)}</p>` };
      }
      case 'closure':
        return { ...base, label: { text: 'Case closed' }, html: `<p class="govuk-body govuk-!-margin-bottom-1">Risk at closure: ${escapeHtml(riskWord(h.to_risk))}</p>${reasonHtml(h.reason)}` };
      default:
        return { ...base, label: { text: String(h.kind) }, text: '' };
    }
  });
}

/**
 * What the case page says about the current risk level when it belongs to the other service: the keyworker stays,
 * and a handover would be a separate, explicit decision. Null when the level belongs to the case's own service.
 */
export function riskAdvice(c: Pick<CaseRow, 'service' | 'current_risk' | 'status' | 'keyworker_name'>): string | null {
  if (c.status === 'closed' || !isRiskLevel(c.current_risk) || !isDaService(c.service)) return null;
  const belongs = serviceForRisk(c.current_risk);
  if (belongs === c.service) return null;
  const who = c.keyworker_name ? `${c.keyworker_name} stays the keyworker` : 'The case stays on this waiting list';
  return `A ${c.current_risk} risk level is usually worked by the ${serviceInSentence(belongs)}. ${who}: nothing changes unless someone hands the case over, which is a separate, explicit step.`;
}

/** The message shown after a change, from the `done` query parameter. */
export function doneMessage(done: unknown, c: Pick<CaseRow, 'keyworker_name' | 'current_risk'>): string | null {
  switch (done) {
    case 'referred':
      return 'Referral received: the client is on the waiting list';
    case 'allocated':
      return `Allocated: ${c.keyworker_name ?? 'the worker'} is the keyworker`;
    case 'risk':
      return `Risk level changed to ${riskWord(c.current_risk).toLowerCase()}. ${c.keyworker_name ? `${c.keyworker_name} stays the keyworker` : 'The case stays on the waiting list'}: a handover is a separate step`;
    case 'handover':
      return `Handed over: ${c.keyworker_name ?? 'the new worker'} is now the keyworker`;
    case 'safety-plan':
      return 'Safety plan saved';
    case 'closed':
      return 'Case closed';
    default:
      return null;
  }
}

/** The rows of the case's summary list. */
export function summaryRows(c: CaseRow, now: Date) {
  const referredBy = [c.referred_by_name, c.referred_by_agency_name].filter(Boolean).join(', ');
  const sources = [c.da_case_id ? 'The daily domestic abuse triage (MADA)' : null, c.marac_referral_id ? 'A MARAC referral' : null].filter((s): s is string => s !== null);
  const source = sources.length ? sources.join('; ') : 'The service’s own referral form';
  const out: { key: { text: string }; value: { text: string } }[] = [
    { key: { text: 'Service' }, value: { text: serviceLabel(c.service) } },
    { key: { text: 'Referred' }, value: { text: `${formatDay(c.referred_at)}${referredBy ? ` by ${referredBy}` : ''}` } },
    { key: { text: 'Came from' }, value: { text: source } },
    { key: { text: 'Risk at intake' }, value: { text: riskWord(c.risk_at_intake) } },
    { key: { text: c.status === 'closed' ? 'Risk level before closure' : 'Current risk' }, value: { text: riskWord(c.current_risk) } },
    { key: { text: 'Keyworker' }, value: { text: c.keyworker_name ?? 'None yet' } },
    { key: { text: 'Handovers' }, value: { text: String(Number(c.handovers)) } },
  ];
  if (c.status === 'waiting') out.splice(2, 0, { key: { text: 'Waiting' }, value: { text: describeDaysWaiting(daysWaiting(asDate(c.referred_at), now)) } });
  if (c.status === 'closed') {
    out.push({ key: { text: 'Closed' }, value: { text: formatDay(c.closed_at) } }, { key: { text: 'Risk at closure' }, value: { text: riskWord(c.risk_at_closure) } }, { key: { text: 'Why it was closed' }, value: { text: c.closure_reason ?? '' } });
  }
  return out;
}

function formatDay(value: string | Date | null): string {
  return formatDate(value);
}
