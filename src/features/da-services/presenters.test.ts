import { describe, expect, it } from 'vitest';
import { caseRiskTag, doneMessage, listRow, riskAdvice, riskTag, statusTag, summaryRows, timelineItems, workerRow } from './presenters.js';
import { caseloadPanel } from './home.js';
import { type CaseRow, type HistoryRow } from './repository.js';

const NOW = new Date('2026-03-12T10:00:00Z');

const CASE: CaseRow = {
  id: 'c1',
  tenant_id: 't1',
  service: 'commissioned',
  status: 'allocated',
  client_name: 'Quinn Fixturewell',
  da_case_id: 'd1',
  marac_referral_id: null,
  person_id: null,
  referred_at: '2026-03-02 09:00:00+00',
  referred_by_agency_name: 'Fernmoor Constabulary',
  referred_by_name: 'Pat Constable',
  risk_at_intake: 'medium',
  current_risk: 'medium',
  risk_at_closure: null,
  keyworker_user_id: 'u1',
  keyworker_name: 'Indra Adviser',
  safety_plan: null,
  safety_plan_updated_at: null,
  closed_at: null,
  closure_reason: null,
  handovers: 2,
};

const h = (over: Partial<HistoryRow>): HistoryRow => ({ kind: 'referral', at: '2026-03-02 09:00:00+00', from_name: null, to_name: null, from_risk: null, to_risk: null, reason: null, by_name: null, ...over });

describe('risk and status in words', () => {
  it('names the risk level in the tag, not only its colour', () => {
    expect(riskTag('high')).toEqual({ text: 'High risk', classes: 'govuk-tag--red' });
    expect(riskTag('medium')).toEqual({ text: 'Medium risk', classes: 'govuk-tag--orange' });
    expect(riskTag('standard')).toEqual({ text: 'Standard risk', classes: 'govuk-tag--blue' });
    expect(riskTag('odd').classes).toBe('govuk-tag--grey');
    expect(statusTag('waiting').text).toBe('Waiting for a keyworker');
    expect(statusTag('allocated').text).toBe('Allocated');
    expect(statusTag('closed').text).toBe('Closed');
    expect(caseRiskTag({ status: 'allocated', current_risk: 'high', risk_at_closure: null }).text).toBe('High risk');
    expect(caseRiskTag({ status: 'closed', current_risk: 'high', risk_at_closure: 'standard' })).toEqual({ text: 'Standard risk at closure', classes: 'govuk-tag--blue' });
  });
});

describe('list rows', () => {
  it('says how long a referral has waited and links to the case', () => {
    const row = listRow({ id: 'c1', service: 'idva', status: 'waiting', client_name: 'A', referred_at: '2026-03-02 09:00:00+00', current_risk: 'high', risk_at_intake: 'high', keyworker_name: null, safety_plan_updated_at: null, handovers: 0 }, NOW);
    expect(row).toMatchObject({ service: 'IDVA service', waited: '10 days', daysWaiting: 10, link: '/da-services/cases/c1', risk: { text: 'High risk' } });
    expect(workerRow({ user_id: 'u', display_name: 'Iris', allocated: 3, handed_over: 1, taken_over: 0 })).toEqual({ name: 'Iris', allocated: 3, handedOver: 1, takenOver: 0 });
  });
});

describe('the case summary', () => {
  it('shows where the referral came from, both risk levels, the keyworker and the handovers counted', () => {
    const rows = summaryRows(CASE, NOW);
    const get = (key: string) => rows.find((r) => r.key.text === key)?.value.text;
    expect(get('Service')).toBe('Commissioned service');
    expect(get('Referred')).toBe('2 March 2026 by Pat Constable, Fernmoor Constabulary');
    expect(get('Came from')).toBe('The daily domestic abuse triage (MADA)');
    expect(get('Risk at intake')).toBe('Medium');
    expect(get('Keyworker')).toBe('Indra Adviser');
    expect(get('Handovers')).toBe('2');
    expect(get('Waiting')).toBeUndefined();
    expect(get('Closed')).toBeUndefined();
  });

  it('shows the wait while waiting and the closure once closed', () => {
    expect(summaryRows({ ...CASE, status: 'waiting', keyworker_name: null }, NOW).find((r) => r.key.text === 'Waiting')?.value.text).toBe('10 days');
    const closed = summaryRows({ ...CASE, status: 'closed', closed_at: '2026-03-11 15:00:00+00', risk_at_closure: 'standard', closure_reason: 'Moved away' }, NOW);
    expect(closed.slice(-3).map((r) => r.value.text)).toEqual(['11 March 2026', 'Standard', 'Moved away']);
    expect(closed.find((r) => r.key.text === 'Risk level before closure')?.value.text).toBe('Medium');
    expect(summaryRows({ ...CASE, da_case_id: null }, NOW).find((r) => r.key.text === 'Came from')?.value.text).toBe('The service’s own referral form');
    expect(summaryRows({ ...CASE, marac_referral_id: 'm1' }, NOW).find((r) => r.key.text === 'Came from')?.value.text).toBe('The daily domestic abuse triage (MADA); A MARAC referral');
  });
});

describe('risk advice', () => {
  it('says the keyworker stays when the risk level belongs to the other service, and nothing otherwise', () => {
    expect(riskAdvice({ ...CASE, current_risk: 'high' })).toBe(
      'A high risk level is usually worked by the IDVA service. Indra Adviser stays the keyworker: nothing changes unless someone hands the case over, which is a separate, explicit step.',
    );
    expect(riskAdvice({ ...CASE, service: 'idva', current_risk: 'medium', status: 'waiting', keyworker_name: null })).toMatch(/^A medium risk level is usually worked by the commissioned service\. The case stays on this waiting list/);
    expect(riskAdvice(CASE)).toBeNull();
    expect(riskAdvice({ ...CASE, current_risk: 'high', status: 'closed' })).toBeNull();
  });
});

describe('messages after a change', () => {
  it('confirms each change, and for a risk change that the keyworker stays', () => {
    expect(doneMessage('risk', { keyworker_name: 'Indra Adviser', current_risk: 'high' })).toBe('Risk level changed to high. Indra Adviser stays the keyworker: a handover is a separate step');
    expect(doneMessage('handover', { keyworker_name: 'Iris Second', current_risk: 'high' })).toBe('Handed over: Iris Second is now the keyworker');
    expect(doneMessage('allocated', { keyworker_name: 'Iris Second', current_risk: 'high' })).toBe('Allocated: Iris Second is the keyworker');
    expect(doneMessage('nonsense', CASE)).toBeNull();
    expect(doneMessage(undefined, CASE)).toBeNull();
  });
});

describe('the history timeline', () => {
  it('describes each entry, escapes reasons, and says the keyworker stayed on a risk change', () => {
    const items = timelineItems(
      [
        h({ kind: 'closure', at: '2026-03-11 15:00:00+00', to_risk: 'standard', reason: 'Moved <away>' }),
        h({ kind: 'risk_change', at: '2026-03-08 10:00:00+00', from_risk: 'medium', to_risk: 'high', to_name: 'Iris Second', reason: 'New DASH', by_name: 'Iris Second' }),
        h({ kind: 'handover', at: '2026-03-05 10:00:00+00', from_name: 'Indra Adviser', to_name: 'Iris Second', reason: 'Leave', by_name: 'Indra Adviser' }),
        h({ kind: 'allocation', at: '2026-03-03 10:00:00+00', to_name: 'Indra Adviser', by_name: 'Indra Adviser' }),
        h({ kind: 'referral', to_risk: 'medium', by_name: 'Pat Constable' }),
      ],
      'commissioned',
    );
    expect(items.map((i) => i.label.text)).toEqual([
      'Case closed',
      'Risk level raised from medium to high',
      'Handed over from Indra Adviser to Iris Second',
      'Allocated to Indra Adviser',
      'Referred to the commissioned service',
    ]);
    expect(items[0]!.html).toContain('Moved &lt;away&gt;');
    expect(items[1]!.html).toContain('Iris Second stayed the keyworker.');
    expect(items[2]!.html).toContain('(counted)');
    expect(items[4]).toMatchObject({ text: 'Risk at referral: Medium', byline: { text: 'Pat Constable' }, datetime: { timestamp: '2026-03-02T09:00:00.000Z', type: 'datetime' } });
    expect(items[0]!.byline).toBeUndefined();
  });
});

describe('the home panel', () => {
  it('counts each list, with its link', () => {
    const p = caseloadPanel({ mine: 12, 'no-plan': 1, 'waiting-idva': 3, 'waiting-commissioned': 0 });
    expect(p.counts.map((c) => [c.count, c.text, c.href])).toEqual([
      [1, 'case allocated to you without a safety plan', '/da-services/cases?show=no-plan'],
      [3, 'high-risk clients waiting for an IDVA', '/da-services/cases?show=waiting-idva'],
      [0, 'clients waiting for the commissioned service', '/da-services/cases?show=waiting-commissioned'],
      [12, 'open cases allocated to you', '/da-services/cases?show=mine'],
    ]);
  });
});
