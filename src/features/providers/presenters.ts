/** View data for organisational safeguarding's pages: pure, so each page's words are tested without a database. */
import { labelOf } from '../../domain/codes.js';
import { CONCERN_DECISIONS } from '../../domain/adult-safeguarding.js';
import { labelOfRag } from '../../domain/intake.js';
import {
  CONTRACT_CONCERN_CATEGORIES,
  type ProviderRag,
  RISK_BAND_LABELS,
  type RiskBand,
  SERVICE_TYPES,
  assessRisk,
  providerRag,
  safeguardingConcernIsOpen,
} from '../../domain/providers.js';
import { concernPath } from '../adult-safeguarding/paths.js';
import { careProviderPath, providerEnquiryPath, providerPath } from './paths.js';
import { type ContractConcernRow, type EnquiryRow, type ProviderListRow, type ProviderRow } from './repository.js';

/** An individual safeguarding concern about a provider, as the adult safeguarding service gives it. */
export interface ProviderConcern {
  id: string;
  reference: string;
  adult_name: string;
  received_at: Date | string;
  status: string;
  decision: string | null;
  enquiry_status: string | null;
}

type Tag = { text: string; classes: string };

const BAND_CLASSES: Record<RiskBand, string> = { high: 'govuk-tag--red', medium: 'govuk-tag--orange', low: 'govuk-tag--green' };

/** A score and its band, in words and colour (the words carry the meaning). */
export function riskTag(likelihood: number, impact: number): Tag {
  const { score, band } = assessRisk(likelihood, impact);
  return { text: `${RISK_BAND_LABELS[band]} (${score})`, classes: BAND_CLASSES[band] };
}

export function ragTag(rag: ProviderRag): Tag {
  return labelOfRag(rag)!;
}

/** How many of the concerns are open. */
export function openSafeguardingCount(concerns: readonly ProviderConcern[]): number {
  return concerns.filter((c) => safeguardingConcernIsOpen({ status: c.status, enquiryStatus: c.enquiry_status })).length;
}

/** A provider's RAG from its open counts and the safeguarding concerns about it. */
export function ragOf(p: Pick<ProviderListRow, 'open_low' | 'open_medium' | 'open_high' | 'open_enquiries'>, openSafeguarding: number) {
  return providerRag({ openContractConcerns: { low: p.open_low, medium: p.open_medium, high: p.open_high }, openSafeguardingConcerns: openSafeguarding, openProviderEnquiries: p.open_enquiries });
}

export function listRow(p: ProviderListRow, openSafeguarding: number) {
  const { rag, reasons } = ragOf(p, openSafeguarding);
  return {
    href: careProviderPath(p.id),
    name: p.name,
    cqc: p.cqc_location_id ?? 'None',
    type: labelOf(SERVICE_TYPES, p.service_type),
    rag: ragTag(rag),
    why: reasons.join('; '),
    openContractConcerns: p.open_low + p.open_medium + p.open_high,
    openSafeguarding,
    openEnquiries: p.open_enquiries,
  };
}

export function summaryRows(p: ProviderRow) {
  return [
    { key: { text: 'Type of service' }, value: { text: labelOf(SERVICE_TYPES, p.service_type) } },
    { key: { text: 'CQC location ID' }, value: { text: p.cqc_location_id ?? (p.service_type === 'hospital' ? 'None of its own: the hospital is the CQC location' : 'Not recorded') } },
    { key: { text: 'Address' }, value: { text: [p.address, p.postcode].filter(Boolean).join(', ') || 'Not recorded' } },
    { key: { text: 'Staff with Threshold accounts' }, value: { text: p.agency_name ?? 'None' } },
  ];
}

export function concernRow(c: ContractConcernRow, providerId: string) {
  return {
    id: c.id,
    raisedOn: c.raised_on,
    category: labelOf(CONTRACT_CONCERN_CATEGORIES, c.category),
    description: c.description,
    likelihood: c.likelihood,
    impact: c.impact,
    risk: riskTag(c.likelihood, c.impact),
    open: c.status === 'open',
    status: c.status === 'open' ? { text: 'Open', classes: 'govuk-tag--blue' } : { text: 'Closed', classes: 'govuk-tag--grey' },
    closedOn: c.closed_on,
    closingNote: c.closing_note,
    raisedBy: c.raised_by_name,
    closeHref: c.status === 'open' ? providerPath('closeConcern', { id: providerId }, { concern: c.id }) : null,
  };
}

export function enquiryStatusTag(status: string): Tag {
  return status === 'open' ? { text: 'Open', classes: 'govuk-tag--red' } : { text: 'Closed', classes: 'govuk-tag--grey' };
}

export function enquiryRow(e: EnquiryRow) {
  return { href: providerEnquiryPath(e.id), openedOn: e.opened_on, reason: e.reason, status: enquiryStatusTag(e.status), closedOn: e.closed_on, linked: e.linked };
}

/** Where an individual concern stands, in words. */
export function concernStage(c: Pick<ProviderConcern, 'status' | 'decision' | 'enquiry_status'>): string {
  if (c.status === 'open') return 'Waiting for the three-point test and decision';
  if (c.status === 'awaiting_authorisation') return 'Decision waiting for a manager';
  const decision = c.decision ? labelOf(CONCERN_DECISIONS, c.decision) : 'Decided';
  if (c.enquiry_status === 'open') return `${decision}: enquiry open`;
  if (c.enquiry_status === 'concluded') return `${decision}: enquiry concluded`;
  if (c.enquiry_status === 'exited') return `${decision}: enquiry ended early`;
  return decision;
}

/** The safeguarding concerns about a provider, with the enquiry each is linked to (open first, as given: newest first). */
export function safeguardingRows(concerns: readonly ProviderConcern[], links: readonly { concern_id: string; enquiry_id: string }[]) {
  const linkedTo = new Map(links.map((l) => [l.concern_id, l.enquiry_id]));
  return concerns.map((c) => {
    const enquiryId = linkedTo.get(c.id);
    return {
      id: c.id,
      href: concernPath(c.id),
      reference: c.reference,
      adultName: c.adult_name,
      receivedAt: c.received_at,
      open: safeguardingConcernIsOpen({ status: c.status, enquiryStatus: c.enquiry_status }),
      stage: concernStage(c),
      enquiryHref: enquiryId ? providerEnquiryPath(enquiryId) : null,
    };
  });
}

/** GOV.UK pagination for a list of `total` rows shown `pageSize` at a time. */
export function pagination(page: number, total: number, pageSize: number, href: (page: number) => string) {
  const last = Math.max(1, Math.ceil(total / pageSize));
  const around = [...new Set([1, page - 1, page, page + 1, last])].filter((n) => n >= 1 && n <= last).sort((a, b) => a - b);
  const items: ({ number: number; href: string; current: boolean } | { ellipsis: true })[] = [];
  around.forEach((n, i) => {
    if (i > 0 && n - around[i - 1]! > 1) items.push({ ellipsis: true });
    items.push({ number: n, href: href(n), current: n === page });
  });
  return {
    last,
    previous: page > 1 ? { href: href(page - 1) } : undefined,
    next: page < last ? { href: href(page + 1) } : undefined,
    items: last > 1 ? items : [],
  };
}

export const DONE_MESSAGES: Record<string, string> = {
  added: 'Provider added',
  raised: 'Contract concern recorded',
  closed: 'Contract concern closed',
  opened: 'Provider enquiry opened',
  linked: 'Concerns linked to the enquiry',
  concluded: 'Provider enquiry closed',
};

export function doneMessage(done: string): string | undefined {
  return Object.hasOwn(DONE_MESSAGES, done) ? DONE_MESSAGES[done] : undefined;
}
