import { describe, expect, it } from 'vitest';
import { type RiskLevel } from './domestic-abuse.js';
import {
  DA_SERVICES,
  SERVICE_RISK_CELLS,
  type DaService,
  type ServiceCaseAction,
  type ServiceCaseStatus,
  actionProblem,
  actionsFor,
  allocationProblems,
  caseAllows,
  closureProblems,
  countHandovers,
  daysWaiting,
  describeDaysWaiting,
  handoverProblems,
  isDaService,
  isServiceCaseStatus,
  kindOfKeyworkerChange,
  oldestFirst,
  referralProblems,
  riskChangeNeedsHandover,
  riskChangeOutcome,
  riskChangeProblems,
  risksOfService,
  serviceForRisk,
  serviceInSentence,
  serviceLabel,
} from './da-services.js';

const RISKS: RiskLevel[] = ['standard', 'medium', 'high'];
const SERVICES: DaService[] = ['idva', 'commissioned'];
const STATUSES: ServiceCaseStatus[] = ['waiting', 'allocated', 'closed'];
const ACTIONS: ServiceCaseAction[] = ['allocate', 'change_risk', 'hand_over', 'safety_plan', 'close'];
const A = '11111111-1111-4111-8111-111111111111';
const B = '22222222-2222-4222-8222-222222222222';

describe('which service a risk level belongs to', () => {
  it('sends high risk to the IDVA service and standard and medium risk to the commissioned service', () => {
    expect(serviceForRisk('high')).toBe('idva');
    expect(serviceForRisk('medium')).toBe('commissioned');
    expect(serviceForRisk('standard')).toBe('commissioned');
  });

  it('lists each service’s risk levels, highest first, covering every level exactly once', () => {
    expect(risksOfService('idva')).toEqual(['high']);
    expect(risksOfService('commissioned')).toEqual(['medium', 'standard']);
    expect([...risksOfService('idva'), ...risksOfService('commissioned')].sort()).toEqual([...RISKS].sort());
  });

  it('has a waiting-list cell for every service and risk level', () => {
    expect(SERVICE_RISK_CELLS).toHaveLength(6);
    for (const service of SERVICES) for (const risk of RISKS) expect(SERVICE_RISK_CELLS).toContainEqual({ service, risk });
    expect(SERVICE_RISK_CELLS[0]).toEqual({ service: 'idva', risk: 'high' });
  });

  it('recognises the services and statuses and nothing else', () => {
    expect(DA_SERVICES.map((s) => s.code)).toEqual(['idva', 'commissioned']);
    for (const s of SERVICES) expect(isDaService(s)).toBe(true);
    for (const v of ['IDVA', '', null, undefined, 'isva', 1]) expect(isDaService(v)).toBe(false);
    for (const s of STATUSES) expect(isServiceCaseStatus(s)).toBe(true);
    for (const v of ['open', 'Waiting', null]) expect(isServiceCaseStatus(v)).toBe(false);
    expect(serviceLabel('idva')).toBe('IDVA service');
    expect(serviceLabel('commissioned')).toBe('Commissioned service');
    expect(serviceLabel('other')).toBe('other');
    expect(serviceInSentence('idva')).toBe('IDVA service');
    expect(serviceInSentence('commissioned')).toBe('commissioned service');
  });
});

describe('referrals', () => {
  it('accepts every risk level referred to its own service', () => {
    for (const risk of RISKS) expect(referralProblems({ service: serviceForRisk(risk), risk })).toEqual({});
  });

  it('refuses a high-risk client for the commissioned service', () => {
    expect(referralProblems({ service: 'commissioned', risk: 'high' }).service).toMatch(/commissioned service is for standard and medium risk/);
  });

  it('refuses standard and medium risk for the IDVA service, pointing to professional judgement', () => {
    for (const risk of ['standard', 'medium'] as const) expect(referralProblems({ service: 'idva', risk }).service).toMatch(/IDVA service is for high-risk clients.*professional judgement/);
  });

  it('leaves unknown values to the form’s own messages', () => {
    expect(referralProblems({ service: 'nonsense', risk: 'high' })).toEqual({});
    expect(referralProblems({ service: 'idva', risk: 'extreme' })).toEqual({});
  });
});

describe('what each status allows', () => {
  it('allows exactly these actions', () => {
    expect(actionsFor('waiting')).toEqual(['allocate', 'change_risk', 'safety_plan', 'close']);
    expect(actionsFor('allocated')).toEqual(['change_risk', 'hand_over', 'safety_plan', 'close']);
    expect(actionsFor('closed')).toEqual([]);
  });

  it('gives a reason for every refused action and none for an allowed one', () => {
    for (const status of STATUSES) {
      for (const action of ACTIONS) {
        const problem = actionProblem(status, action);
        if (caseAllows(status, action)) expect(problem).toBeNull();
        else expect(problem).toMatch(/\w{4,}/);
      }
    }
    expect(actionProblem('allocated', 'allocate')).toMatch(/hand the case over/);
    expect(actionProblem('waiting', 'hand_over')).toMatch(/allocate it first/);
  });
});

describe('allocation', () => {
  it('allocates a waiting case to an eligible worker', () => {
    expect(allocationProblems({ status: 'waiting', toUserId: A, eligible: true })).toEqual({});
  });

  it('refuses a worker who is not in the service, and any case not waiting', () => {
    expect(allocationProblems({ status: 'waiting', toUserId: A, eligible: false }).workerId).toMatch(/from the list/);
    expect(allocationProblems({ status: 'allocated', toUserId: A, eligible: true }).workerId).toMatch(/hand the case over/);
    expect(allocationProblems({ status: 'closed', toUserId: A, eligible: true }).workerId).toMatch(/closed/);
  });

  it('calls the first keyworker an allocation and every later change a handover', () => {
    expect(kindOfKeyworkerChange(null)).toBe('allocation');
    expect(kindOfKeyworkerChange(A)).toBe('handover');
  });
});

describe('handovers', () => {
  const ok = { status: 'allocated' as const, keyworkerUserId: A, toUserId: B, eligible: true, reason: 'Worker leaving the team' };

  it('hands over to a different eligible worker with a reason', () => {
    expect(handoverProblems(ok)).toEqual({});
  });

  it('refuses the same worker (whatever the letter case of the id)', () => {
    expect(handoverProblems({ ...ok, toUserId: A }).workerId).toMatch(/different worker/);
    expect(handoverProblems({ ...ok, toUserId: A.toUpperCase() }).workerId).toMatch(/different worker/);
  });

  it('needs a reason, and reports it together with a worker problem', () => {
    expect(handoverProblems({ ...ok, reason: null })).toEqual({ reason: 'Enter why the case is being handed over' });
    expect(handoverProblems({ ...ok, reason: '   ' }).reason).toBeDefined();
    expect(Object.keys(handoverProblems({ ...ok, toUserId: A, reason: '' })).sort()).toEqual(['reason', 'workerId']);
  });

  it('refuses a worker outside the service, and cases that are waiting or closed', () => {
    expect(handoverProblems({ ...ok, eligible: false }).workerId).toMatch(/from the list/);
    expect(handoverProblems({ ...ok, status: 'waiting' }).workerId).toMatch(/allocate it first/);
    expect(handoverProblems({ ...ok, status: 'closed' }).workerId).toMatch(/closed/);
  });

  it('counts handovers, never the first allocation', () => {
    expect(countHandovers([])).toBe(0);
    expect(countHandovers([{ kind: 'allocation' }])).toBe(0);
    expect(countHandovers([{ kind: 'allocation' }, { kind: 'handover' }, { kind: 'handover' }])).toBe(2);
  });
});

describe('risk changes never change the keyworker', () => {
  it('keeps the keyworker and needs no handover for every service and every pair of levels', () => {
    for (const service of SERVICES) {
      for (const from of RISKS) {
        for (const to of RISKS) {
          if (from === to) continue;
          const outcome = riskChangeOutcome(service, from, to);
          expect(outcome.keyworkerKept).toBe(true);
          expect(outcome.handoverNeeded).toBe(false);
          expect(riskChangeNeedsHandover(service, from, to)).toBe(false);
          expect(outcome.belongsTo).toBe(serviceForRisk(to));
          expect(outcome.outsideService).toBe(serviceForRisk(to) !== service);
        }
      }
    }
  });

  it('says which way the level moved', () => {
    expect(riskChangeOutcome('commissioned', 'medium', 'high').direction).toBe('raised');
    expect(riskChangeOutcome('idva', 'high', 'standard').direction).toBe('lowered');
    expect(riskChangeOutcome('commissioned', 'standard', 'medium').direction).toBe('raised');
  });

  it('notices (without acting on it) a level that belongs to the other service', () => {
    expect(riskChangeOutcome('commissioned', 'medium', 'high')).toMatchObject({ outsideService: true, belongsTo: 'idva', keyworkerKept: true });
    expect(riskChangeOutcome('idva', 'high', 'medium')).toMatchObject({ outsideService: true, belongsTo: 'commissioned', keyworkerKept: true });
    expect(riskChangeOutcome('commissioned', 'medium', 'standard').outsideService).toBe(false);
  });

  it('needs a different level and a reason', () => {
    expect(riskChangeProblems({ status: 'allocated', from: 'medium', to: 'high', reason: 'New DASH: 15 ticks' })).toEqual({});
    expect(riskChangeProblems({ status: 'allocated', from: 'medium', to: 'medium', reason: 'x' }).risk).toMatch(/already medium/);
    expect(riskChangeProblems({ status: 'allocated', from: 'medium', to: 'extreme', reason: 'x' }).risk).toBe('Select the new risk level');
    expect(riskChangeProblems({ status: 'waiting', from: 'medium', to: 'high', reason: '' })).toEqual({ reason: 'Enter why the risk level has changed' });
    expect(riskChangeProblems({ status: 'closed', from: 'medium', to: 'high', reason: 'x' }).risk).toMatch(/closed/);
  });
});

describe('closure', () => {
  it('needs the risk at closure and a reason', () => {
    expect(closureProblems({ status: 'allocated', riskAtClosure: 'standard', reason: 'Safety plan in place; client moved away' })).toEqual({});
    expect(closureProblems({ status: 'waiting', riskAtClosure: 'medium', reason: 'Declined the service' })).toEqual({});
    expect(closureProblems({ status: 'allocated', riskAtClosure: null, reason: 'x' })).toEqual({ riskAtClosure: 'Select the risk level at closure' });
    expect(closureProblems({ status: 'allocated', riskAtClosure: 'gone', reason: null })).toEqual({ riskAtClosure: 'Select the risk level at closure', reason: 'Enter why the case is being closed' });
    expect(closureProblems({ status: 'closed', riskAtClosure: 'high', reason: 'x' }).riskAtClosure).toMatch(/already closed/);
  });
});

describe('waiting', () => {
  it('counts London calendar days, not 24-hour periods', () => {
    expect(daysWaiting(new Date('2026-03-02T09:00:00Z'), new Date('2026-03-02T17:00:00Z'))).toBe(0);
    expect(daysWaiting(new Date('2026-03-02T23:30:00Z'), new Date('2026-03-03T00:30:00Z'))).toBe(1);
    // 23:30 UTC on 1 July is 00:30 on 2 July in London (summer time): the same London day as 10:00 on 2 July.
    expect(daysWaiting(new Date('2026-07-01T23:30:00Z'), new Date('2026-07-02T10:00:00Z'))).toBe(0);
    expect(daysWaiting(new Date('2026-01-01T12:00:00Z'), new Date('2026-03-01T12:00:00Z'))).toBe(59);
    expect(daysWaiting(new Date('2026-03-05T12:00:00Z'), new Date('2026-03-01T12:00:00Z'))).toBe(0);
  });

  it('describes the wait in words', () => {
    expect(describeDaysWaiting(0)).toBe('Referred today');
    expect(describeDaysWaiting(1)).toBe('1 day');
    expect(describeDaysWaiting(1234)).toBe('1,234 days');
  });

  it('orders the waiting list oldest first, ties by id', () => {
    const t = (iso: string) => new Date(iso);
    const list = [
      { id: 'c', referredAt: t('2026-03-03T09:00:00Z') },
      { id: 'b', referredAt: t('2026-03-01T09:00:00Z') },
      { id: 'a', referredAt: t('2026-03-01T09:00:00Z') },
    ];
    expect(oldestFirst(list).map((c) => c.id)).toEqual(['a', 'b', 'c']);
    expect(list.map((c) => c.id)).toEqual(['c', 'b', 'a']);
  });
});
