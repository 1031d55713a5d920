import { describe, expect, it } from 'vitest';
import { concernRow, concernStage, doneMessage, listRow, openSafeguardingCount, pagination, ragOf, riskTag, safeguardingRows, summaryRows } from './presenters.js';
import { type ContractConcernRow, type ProviderListRow, type ProviderRow } from './repository.js';
import { providersPanel } from './home.js';

const P = '11111111-1111-4111-8111-111111111111';
const E = '22222222-2222-4222-8222-222222222222';
const C1 = '33333333-3333-4333-8333-333333333333';
const C2 = '44444444-4444-4444-8444-444444444444';

const listed = (over: Partial<ProviderListRow> = {}): ProviderListRow => ({
  id: P, name: 'Foxglove Court', cqc_location_id: '1-1000000002', service_type: 'care_home_nursing', postcode: 'FM1 2AB',
  open_low: 0, open_medium: 0, open_high: 0, open_enquiries: 0, ...over,
});

const concern = (status: string, decision: string | null, enquiry: string | null, id = C1) => ({
  id, reference: 'ASC-1', adult_name: 'Ada Example', received_at: '2026-03-01T10:00:00Z', status, decision, enquiry_status: enquiry,
});

describe('risk tags', () => {
  it('says the band and the score, coloured by band', () => {
    expect(riskTag(1, 1)).toEqual({ text: 'Low (1)', classes: 'govuk-tag--green' });
    expect(riskTag(2, 3)).toEqual({ text: 'Low (6)', classes: 'govuk-tag--green' });
    expect(riskTag(2, 4)).toEqual({ text: 'Medium (8)', classes: 'govuk-tag--orange' });
    expect(riskTag(3, 4)).toEqual({ text: 'Medium (12)', classes: 'govuk-tag--orange' });
    expect(riskTag(3, 5)).toEqual({ text: 'High (15)', classes: 'govuk-tag--red' });
    expect(riskTag(5, 5)).toEqual({ text: 'High (25)', classes: 'govuk-tag--red' });
  });
});

describe('a provider in the list', () => {
  it('is green with nothing open, and links to its page', () => {
    expect(listRow(listed(), 0)).toEqual({
      href: `/providers/${P}`, name: 'Foxglove Court', cqc: '1-1000000002', type: 'Care home with nursing',
      rag: { text: 'Green', classes: 'govuk-tag--green' }, why: '', openContractConcerns: 0, openSafeguarding: 0, openEnquiries: 0,
    });
  });

  it('adds up the open contract concerns and says why it is red or amber', () => {
    const row = listRow(listed({ open_low: 1, open_medium: 2, open_high: 1, open_enquiries: 1, cqc_location_id: null }), 1);
    expect(row.openContractConcerns).toBe(4);
    expect(row.cqc).toBe('None');
    expect(row.rag.text).toBe('Red');
    expect(row.why).toBe('1 open provider enquiry; 1 open high-risk contract concern; 1 open safeguarding concern about the provider; 2 open medium-risk contract concerns');
    expect(listRow(listed({ open_medium: 1 }), 0).rag.text).toBe('Amber');
  });

  it('works out the RAG from the counts and the open safeguarding concerns', () => {
    expect(ragOf(listed(), 3).rag).toBe('red');
    expect(ragOf(listed(), 1).rag).toBe('amber');
    expect(ragOf(listed({ open_low: 3 }), 0).rag).toBe('amber');
  });
});

describe('safeguarding concerns about a provider', () => {
  it('counts the ones still open: undecided, or decided with an enquiry open', () => {
    expect(openSafeguardingCount([])).toBe(0);
    expect(openSafeguardingCount([concern('open', null, null), concern('awaiting_authorisation', 's42_enquiry', null), concern('decided', 's42_enquiry', 'open'), concern('decided', 's42_enquiry', 'concluded'), concern('decided', 'no_further_action', null)])).toBe(3);
  });

  it('says where each stands', () => {
    expect(concernStage(concern('open', null, null))).toBe('Waiting for the three-point test and decision');
    expect(concernStage(concern('awaiting_authorisation', 's42_enquiry', null))).toBe('Decision waiting for a manager');
    expect(concernStage(concern('decided', 's42_enquiry', 'open'))).toBe('Section 42 enquiry: enquiry open');
    expect(concernStage(concern('decided', 'other_enquiry', 'concluded'))).toBe('Other safeguarding enquiry (discretionary, s42(2)): enquiry concluded');
    expect(concernStage(concern('decided', 's42_enquiry', 'exited'))).toBe('Section 42 enquiry: enquiry ended early');
    expect(concernStage(concern('decided', 'information_advice', null))).toBe('Information and advice, or signposting');
    expect(concernStage(concern('decided', null, null))).toBe('Decided');
  });

  it('links each to its page and to the provider enquiry it is linked to', () => {
    const rows = safeguardingRows([concern('open', null, null, C1), concern('decided', 'no_further_action', null, C2)], [{ concern_id: C2, enquiry_id: E }]);
    expect(rows.map((r) => [r.href, r.open, r.enquiryHref])).toEqual([
      [`/adults/concerns/${C1}`, true, null],
      [`/adults/concerns/${C2}`, false, `/providers/enquiries/${E}`],
    ]);
  });
});

describe('a contract concern on the provider’s page', () => {
  const c = (over: Partial<ContractConcernRow> = {}): ContractConcernRow => ({
    id: C1, raised_on: '2026-03-01', category: 'late_or_missed_calls', description: 'Two missed teatime calls', likelihood: 4, impact: 3,
    status: 'open', closed_on: null, closing_note: null, raised_by_name: 'Cal Compliance', ...over,
  });

  it('shows an open one with its score and a link to close it', () => {
    const row = concernRow(c(), P);
    expect(row).toMatchObject({ category: 'Late or missed calls', risk: { text: 'Medium (12)' }, open: true, status: { text: 'Open' } });
    expect(row.closeHref).toBe(`/providers/${P}/contract-concerns/close?concern=${C1}`);
  });

  it('shows a closed one without a link to close it', () => {
    const row = concernRow(c({ status: 'closed', closed_on: '2026-04-01', closing_note: 'Rota fixed' }), P);
    expect(row).toMatchObject({ open: false, status: { text: 'Closed' }, closedOn: '2026-04-01', closingNote: 'Rota fixed', closeHref: null });
  });
});

describe('a provider’s details', () => {
  const p = (over: Partial<ProviderRow> = {}): ProviderRow => ({
    id: P, tenant_id: P, name: 'Ward 12', cqc_location_id: null, service_type: 'hospital', address: 'Fernmoor General Hospital', postcode: 'FM1 1AA',
    agency_id: null, agency_name: null, active: true, created_at: '2026-01-01', open_low: 0, open_medium: 0, open_high: 0, open_enquiries: 0, ...over,
  });

  it('says a hospital ward has no CQC location of its own, and another provider’s missing ID is not recorded', () => {
    expect(summaryRows(p())[1]!.value.text).toBe('None of its own: the hospital is the CQC location');
    expect(summaryRows(p({ service_type: 'domiciliary' }))[1]!.value.text).toBe('Not recorded');
    expect(summaryRows(p({ cqc_location_id: '1-101669261' }))[1]!.value.text).toBe('1-101669261');
  });

  it('joins the address and postcode, and names the provider’s own agency', () => {
    expect(summaryRows(p())[2]!.value.text).toBe('Fernmoor General Hospital, FM1 1AA');
    expect(summaryRows(p({ address: null, postcode: null }))[2]!.value.text).toBe('Not recorded');
    expect(summaryRows(p({ agency_name: 'Heathervale Care Home' }))[3]!.value.text).toBe('Heathervale Care Home');
  });
});

describe('pagination', () => {
  const href = (n: number) => `/p?page=${n}`;

  it('offers no pages for one page of rows', () => {
    expect(pagination(1, 0, 25, href)).toEqual({ last: 1, previous: undefined, next: undefined, items: [] });
    expect(pagination(1, 25, 25, href).items).toEqual([]);
  });

  it('offers the first, last and neighbouring pages, with ellipses between', () => {
    const p = pagination(5, 250, 25, href);
    expect(p.last).toBe(10);
    expect(p.previous).toEqual({ href: '/p?page=4' });
    expect(p.next).toEqual({ href: '/p?page=6' });
    expect(p.items).toEqual([
      { number: 1, href: '/p?page=1', current: false },
      { ellipsis: true },
      { number: 4, href: '/p?page=4', current: false },
      { number: 5, href: '/p?page=5', current: true },
      { number: 6, href: '/p?page=6', current: false },
      { ellipsis: true },
      { number: 10, href: '/p?page=10', current: false },
    ]);
    expect(pagination(1, 26, 25, href).items.map((i) => ('number' in i ? i.number : '…'))).toEqual([1, 2]);
    expect(pagination(2, 26, 25, href).next).toBeUndefined();
  });
});

describe('what was done', () => {
  it('says what each change did, and nothing for anything else', () => {
    expect(doneMessage('raised')).toBe('Contract concern recorded');
    expect(doneMessage('concluded')).toBe('Provider enquiry closed');
    expect(doneMessage('constructor')).toBeUndefined();
    expect(doneMessage('')).toBeUndefined();
  });
});

describe('the providers’ home panel', () => {
  it('puts providers under an enquiry and with a high-risk concern first, each opening the filtered list', () => {
    const p = providersPanel({ all: 40, concern: 9, high: 2, enquiry: 1 });
    expect(p.counts.map((c) => [c.count, c.href, c.text])).toEqual([
      [1, '/providers?show=enquiry', 'provider under an open provider enquiry'],
      [2, '/providers?show=high', 'providers with an open high-risk contract concern'],
      [9, '/providers?show=concern', 'providers with an open contract concern'],
    ]);
  });
});
