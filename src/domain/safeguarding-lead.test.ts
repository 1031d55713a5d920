import { describe, expect, it } from 'vitest';
import { AGENCY_TYPES } from './codes.js';
import {
  AGE_GROUP_OF_AGENCY,
  CHILDRENS_AGENCY_TYPES,
  type LeadPeriod,
  type ProposalInput,
  type ResponseInput,
  TRANSFER_STATUSES,
  type TransferEvent,
  type TransferStatus,
  WORK_KINDS,
  acceptTransfer,
  ageGroupOf,
  dateAtAge,
  describeDaysUntilEighteen,
  eighteenthBirthday,
  isAdultsAgency,
  isChildrensAgency,
  isTransferStatus,
  isWorkKind,
  latestBirthDateOnList,
  leadAt,
  mayLead,
  mayProposeTransfer,
  mayRespondToTransfer,
  mayWithdrawTransfer,
  nextTransferStatus,
  openLeads,
  proposalProblems,
  responseProblems,
  sameHolder,
  transferIsOpen,
  transitionsFrom,
  transitionsPlace,
  withdrawalProblems,
  workKindLabel,
} from './safeguarding-lead.js';
import { addDays, ageOn, fromDayNumber, toDayNumber } from './time.js';

describe('which agencies are children’s and adults’ teams', () => {
  it('places every agency type the area can have', () => {
    for (const t of AGENCY_TYPES) expect(Object.hasOwn(AGE_GROUP_OF_AGENCY, t.code), t.code).toBe(true);
  });

  it('counts children’s social care, schools and education as children’s; adult social care, care providers and probation as adults’', () => {
    expect(CHILDRENS_AGENCY_TYPES.toSorted()).toEqual(['children_social_care', 'education', 'school']);
    for (const t of ['children_social_care', 'school', 'education']) {
      expect(isChildrensAgency(t)).toBe(true);
      expect(isAdultsAgency(t)).toBe(false);
    }
    for (const t of ['adult_social_care', 'care_provider', 'probation']) {
      expect(isAdultsAgency(t)).toBe(true);
      expect(isChildrensAgency(t)).toBe(false);
    }
    for (const t of ['police', 'health', 'idva_da_service', 'community_safety', 'housing', 'voluntary']) expect(ageGroupOf(t)).toBe('all_ages');
  });

  it('treats an unknown agency type as all ages (never hides a child, never claims one)', () => {
    expect(ageGroupOf('something_new')).toBe('all_ages');
    expect(ageGroupOf('__proto__')).toBe('all_ages');
    expect(ageGroupOf('constructor')).toBe('all_ages');
  });

  it('lets every agency lead except schools and care providers', () => {
    for (const t of AGENCY_TYPES) expect(mayLead(t.code), t.code).toBe(!['school', 'care_provider'].includes(t.code));
  });
});

describe('the work that made an agency lead', () => {
  it('names each kind of work and refuses others', () => {
    for (const k of WORK_KINDS) {
      expect(isWorkKind(k.code)).toBe(true);
      expect(workKindLabel(k.code)).toBe(k.label);
    }
    expect(WORK_KINDS.map((k) => k.code)).toEqual(['contact', 'da_case', 'marac_referral', 'adult_concern', 'adult_enquiry', 'csc_referral', 'lead_transfer']);
    expect(isWorkKind('dols')).toBe(false);
    expect(isWorkKind(null)).toBe(false);
  });
});

describe('dates of age', () => {
  it('is the same day of the month, years and months later', () => {
    expect(dateAtAge('2008-05-15', 17, 6)).toBe('2025-11-15');
    expect(dateAtAge('2008-11-15', 17, 6)).toBe('2026-05-15');
    expect(dateAtAge('2008-12-31', 0, 1)).toBe('2009-01-31');
    expect(dateAtAge('2008-01-01', 18)).toBe('2026-01-01');
    expect(dateAtAge('2008-06-30', 17, 6)).toBe('2025-12-30');
  });

  it('moves to the first of the next month when the month is too short', () => {
    expect(dateAtAge('2008-08-31', 17, 6)).toBe('2026-03-01'); // no 31 February
    expect(dateAtAge('2008-08-29', 17, 6)).toBe('2026-03-01'); // 2026 is a common year
    expect(dateAtAge('2006-08-29', 17, 6)).toBe('2024-02-29'); // 2024 is a leap year
    expect(dateAtAge('2008-05-31', 17, 6)).toBe('2025-12-01'); // no 31 November
    expect(dateAtAge('2008-03-31', 17, 6)).toBe('2025-10-01'); // no 31 September
    expect(dateAtAge('2008-06-30', 0, 6)).toBe('2008-12-30');
    expect(dateAtAge('2007-05-31', 0, 6)).toBe('2007-12-01');
    expect(dateAtAge('2008-06-30', 0, 8)).toBe('2009-03-01'); // no 30 February
  });

  it('gives someone born on 29 February their 18th birthday on 1 March in a common year, 29 February in a leap year', () => {
    expect(eighteenthBirthday('2008-02-29')).toBe('2026-03-01');
    expect(eighteenthBirthday('2004-02-29')).toBe('2022-03-01');
    expect(eighteenthBirthday('2000-02-29')).toBe('2018-03-01');
    expect(eighteenthBirthday('2002-02-28')).toBe('2020-02-28');
    // 18 is not a multiple of 4, so the 18th birthday of someone born on 29 February never falls in a leap year
    for (const year of [1992, 1996, 2000, 2004, 2008, 2012]) expect(eighteenthBirthday(`${year}-02-29`)).toBe(`${year + 18}-03-01`);
    // 17½ is in August, which always has a 29th
    expect(transitionsFrom('2008-02-29')).toBe('2025-08-29');
  });

  it('agrees with ageOn for every date of birth over twelve years (the 18th birthday is the first day of 18)', () => {
    for (let n = toDayNumber('1998-01-01'); n <= toDayNumber('2010-12-31'); n += 1) {
      const dob = fromDayNumber(n);
      const eighteen = eighteenthBirthday(dob);
      expect(ageOn(dob, eighteen), dob).toBe(18);
      expect(ageOn(dob, addDays(eighteen, -1)), dob).toBe(17);
    }
  });

  it('reaches 17½ on or after the day exactly half a year past the 17th birthday, before the 18th', () => {
    for (let n = toDayNumber('2004-01-01'); n <= toDayNumber('2009-12-31'); n += 1) {
      const dob = fromDayNumber(n);
      const from = transitionsFrom(dob);
      expect(ageOn(dob, from)).toBe(17);
      expect(toDayNumber(eighteenthBirthday(dob)) - toDayNumber(from)).toBeGreaterThanOrEqual(181);
      expect(toDayNumber(eighteenthBirthday(dob)) - toDayNumber(from)).toBeLessThanOrEqual(184);
    }
  });

  it('only moves forward with the date of birth (the window is a prefix of dates of birth)', () => {
    let before = transitionsFrom('2000-01-01');
    for (let n = toDayNumber('2000-01-02'); n <= toDayNumber('2012-12-31'); n += 1) {
      const next = transitionsFrom(fromDayNumber(n));
      expect(next >= before).toBe(true);
      before = next;
    }
  });

  it('refuses negative or fractional ages', () => {
    expect(() => dateAtAge('2008-01-01', -1)).toThrow(RangeError);
    expect(() => dateAtAge('2008-01-01', 17, 0.5)).toThrow(RangeError);
    expect(() => dateAtAge('2008-02-30', 17)).toThrow(RangeError);
  });
});

describe('the latest date of birth on the list', () => {
  it('agrees with transitionsFrom for every day of four years and every date of birth near the boundary', () => {
    for (let d = toDayNumber('2024-01-01'); d <= toDayNumber('2027-12-31'); d += 1) {
      const today = fromDayNumber(d);
      const cutoff = latestBirthDateOnList(today);
      expect(transitionsFrom(cutoff) <= today, today).toBe(true);
      expect(transitionsFrom(addDays(cutoff, 1)) > today, today).toBe(true);
      for (let k = -4; k <= 4; k += 1) {
        const dob = addDays(cutoff, k);
        expect(transitionsFrom(dob) <= today, `${today} ${dob}`).toBe(k <= 0);
      }
    }
  });

  it('is the date 17½ years back, or the last such date when the month ends early', () => {
    expect(latestBirthDateOnList('2026-03-01')).toBe('2008-09-01');
    expect(latestBirthDateOnList('2026-02-28')).toBe('2008-08-28');
    expect(latestBirthDateOnList('2025-12-01')).toBe('2008-06-01');
    expect(latestBirthDateOnList('2025-11-30')).toBe('2008-05-30');
    expect(latestBirthDateOnList('2024-02-29')).toBe('2006-08-29');
    expect(latestBirthDateOnList('2024-03-01')).toBe('2006-09-01');
  });
});

describe('the transitions window', () => {
  const place = (dateOfBirth: string | null, today: string, leadAgencyType = 'children_social_care', leadSince = '2020-01-01') => transitionsPlace({ dateOfBirth, leadAgencyType, leadSince, today });

  it('lists a child led by a children’s agency from the day they are 17½', () => {
    expect(place('2008-05-15', '2025-11-14')!.onList).toBe(false);
    expect(place('2008-05-15', '2025-11-15')).toEqual({ onList: true, pastEighteen: false, from: '2025-11-15', eighteenth: '2026-05-15', daysUntilEighteen: 181 });
    expect(place('2008-05-15', '2026-05-14')!.pastEighteen).toBe(false);
    expect(place('2008-05-15', '2026-05-14')!.daysUntilEighteen).toBe(1);
  });

  it('flags "past 18" from the 18th birthday while a children’s agency still leads', () => {
    expect(place('2008-05-15', '2026-05-15')).toMatchObject({ onList: true, pastEighteen: true, daysUntilEighteen: 0 });
    expect(place('2008-05-15', '2027-05-15')).toMatchObject({ onList: true, pastEighteen: true, daysUntilEighteen: -365 });
  });

  it('keeps 29 February and month ends straight', () => {
    expect(place('2008-02-29', '2025-08-28')!.onList).toBe(false);
    expect(place('2008-02-29', '2025-08-29')!.onList).toBe(true);
    expect(place('2008-02-29', '2026-02-28')!.pastEighteen).toBe(false);
    expect(place('2008-02-29', '2026-03-01')!.pastEighteen).toBe(true);
    expect(place('2008-08-31', '2026-02-28')!.onList).toBe(false);
    expect(place('2008-08-31', '2026-03-01')!.onList).toBe(true);
  });

  it('leaves the list once the lead is with an adults’ team or an all-ages agency', () => {
    for (const type of ['adult_social_care', 'probation', 'care_provider', 'police', 'idva_da_service', 'community_safety', 'health']) {
      expect(place('2008-05-15', '2026-01-01', type)!.onList, type).toBe(false);
      expect(place('2008-05-15', '2026-06-01', type)!.pastEighteen, type).toBe(false);
    }
    for (const type of ['children_social_care', 'education', 'school']) expect(place('2008-05-15', '2026-01-01', type)!.onList, type).toBe(true);
  });

  it('does not list someone whose lead began when they were already an adult (no transition to make)', () => {
    expect(place('1990-03-04', '2026-01-01', 'children_social_care', '2025-12-01')!.onList).toBe(false);
    expect(place('2008-05-15', '2026-06-01', 'children_social_care', '2026-05-15')!.onList).toBe(false);
    expect(place('2008-05-15', '2026-06-01', 'children_social_care', '2026-05-14')).toMatchObject({ onList: true, pastEighteen: true });
  });

  it('cannot place someone without a date of birth', () => {
    expect(place(null, '2026-01-01')).toBeNull();
  });

  it('says how far off the 18th birthday is', () => {
    expect(describeDaysUntilEighteen(12)).toBe('18 in 12 days');
    expect(describeDaysUntilEighteen(1)).toBe('18 in 1 day');
    expect(describeDaysUntilEighteen(0)).toBe('18 today');
    expect(describeDaysUntilEighteen(-1)).toBe('18 for 1 day');
    expect(describeDaysUntilEighteen(-40)).toBe('18 for 40 days');
  });
});

describe('the transfer state machine', () => {
  const STATUSES: TransferStatus[] = ['proposed', 'accepted', 'declined', 'withdrawn'];
  const EVENTS: TransferEvent[] = ['accept', 'decline', 'withdraw'];

  it('moves a proposal to accepted, declined or withdrawn, and nothing else ever changes', () => {
    const table = Object.fromEntries(STATUSES.map((s) => [s, Object.fromEntries(EVENTS.map((e) => [e, nextTransferStatus(s, e)]))]));
    expect(table).toEqual({
      proposed: { accept: 'accepted', decline: 'declined', withdraw: 'withdrawn' },
      accepted: { accept: null, decline: null, withdraw: null },
      declined: { accept: null, decline: null, withdraw: null },
      withdrawn: { accept: null, decline: null, withdraw: null },
    });
  });

  it('knows its statuses and which is open', () => {
    expect(TRANSFER_STATUSES.map((s) => s.code)).toEqual(STATUSES);
    for (const s of STATUSES) {
      expect(isTransferStatus(s)).toBe(true);
      expect(transferIsOpen(s)).toBe(s === 'proposed');
    }
    expect(isTransferStatus('cancelled')).toBe(false);
  });

  it('lets the lead agency propose, the receiving agency answer and the proposer withdraw, only while proposed', () => {
    expect(mayProposeTransfer('csc', { agencyId: 'csc' })).toBe(true);
    expect(mayProposeTransfer('asc', { agencyId: 'csc' })).toBe(false);
    expect(mayProposeTransfer('csc', null)).toBe(false);
    for (const status of STATUSES) {
      expect(mayRespondToTransfer('asc', { toAgencyId: 'asc', status })).toBe(status === 'proposed');
      expect(mayRespondToTransfer('csc', { toAgencyId: 'asc', status })).toBe(false);
      expect(mayWithdrawTransfer('csc', { fromAgencyId: 'csc', status })).toBe(status === 'proposed');
      expect(mayWithdrawTransfer('asc', { fromAgencyId: 'csc', status })).toBe(false);
    }
  });

  it('compares who leads by agency and team', () => {
    expect(sameHolder({ agencyId: 'a', teamId: null }, { agencyId: 'a', teamId: null })).toBe(true);
    expect(sameHolder({ agencyId: 'a', teamId: 't' }, { agencyId: 'a', teamId: null })).toBe(false);
    expect(sameHolder({ agencyId: 'a', teamId: 't' }, { agencyId: 'b', teamId: 't' })).toBe(false);
  });
});

describe('proposing a transfer', () => {
  const ok: ProposalInput = {
    viewerAgencyId: 'csc',
    lead: { agencyId: 'csc', teamId: 'mash', agencyName: 'Fernmoor Children’s Services' },
    openTransfer: false,
    to: { agencyId: 'asc', teamId: 'hub', agencyType: 'adult_social_care', agencyActive: true, teamOfAgency: true },
    reason: 'She is 18 in March and the abuse continues: adult safeguarding should lead.',
  };

  it('accepts a proposal by the lead agency to another agency with a reason', () => {
    expect(proposalProblems(ok)).toEqual({});
    expect(proposalProblems({ ...ok, to: { ...ok.to!, agencyId: 'csc', teamId: 'assessment', agencyType: 'children_social_care' } })).toEqual({});
    expect(proposalProblems({ ...ok, to: { ...ok.to!, teamId: null } })).toEqual({});
  });

  it('refuses anyone but the lead agency, naming who leads', () => {
    expect(proposalProblems({ ...ok, viewerAgencyId: 'police' })).toEqual({ form: 'Only Fernmoor Children’s Services, which leads this person’s safeguarding work, can propose moving the lead. Ask them to propose it.' });
  });

  it('refuses when nobody leads, or a transfer is already waiting', () => {
    expect(proposalProblems({ ...ok, lead: null }).form).toContain('no lead to transfer');
    expect(proposalProblems({ ...ok, openTransfer: true }).form).toContain('already waiting for an answer');
  });

  it('refuses no choice, an inactive agency, a team of another agency, a school, and the same lead', () => {
    expect(proposalProblems({ ...ok, to: null })).toEqual({ to: 'Select the agency or team that should take the lead' });
    expect(proposalProblems({ ...ok, to: { ...ok.to!, agencyActive: false } }).to).toBe('Select the agency or team that should take the lead');
    expect(proposalProblems({ ...ok, to: { ...ok.to!, teamOfAgency: false } }).to).toBe('Select the agency or team that should take the lead');
    expect(proposalProblems({ ...ok, to: { ...ok.to!, agencyType: 'school' } }).to).toContain('schools and care providers');
    expect(proposalProblems({ ...ok, to: { ...ok.to!, agencyType: 'care_provider' } }).to).toContain('schools and care providers');
    expect(proposalProblems({ ...ok, to: { ...ok.to!, agencyId: 'csc', teamId: 'mash', agencyType: 'children_social_care' } }).to).toBe('Select a different agency or team: they lead already');
  });

  it('needs a reason, and reports it beside a bad choice', () => {
    expect(proposalProblems({ ...ok, reason: null })).toEqual({ reason: 'Enter why the lead should move' });
    expect(proposalProblems({ ...ok, reason: '   ' })).toEqual({ reason: 'Enter why the lead should move' });
    expect(proposalProblems({ ...ok, to: null, reason: '' })).toEqual({ to: 'Select the agency or team that should take the lead', reason: 'Enter why the lead should move' });
  });
});

describe('answering a transfer', () => {
  const from = { agencyId: 'csc', teamId: 'mash' };
  const ok: ResponseInput = { viewerAgencyId: 'asc', status: 'proposed', toAgencyId: 'asc', decision: 'accept', note: null, from, leadNow: from };

  it('accepts without a note, declines with one', () => {
    expect(responseProblems(ok)).toEqual({});
    expect(responseProblems({ ...ok, decision: 'decline', note: 'Not known to us: she has moved out of the area.' })).toEqual({});
    expect(responseProblems({ ...ok, decision: 'decline', note: null })).toEqual({ note: 'Enter why you are declining the transfer' });
    expect(responseProblems({ ...ok, decision: 'decline', note: ' ' })).toEqual({ note: 'Enter why you are declining the transfer' });
  });

  it('refuses anyone but the receiving agency', () => {
    expect(responseProblems({ ...ok, viewerAgencyId: 'csc' })).toEqual({ form: 'Only the agency asked to take the lead can accept or decline it' });
  });

  it('refuses an answer once settled', () => {
    expect(responseProblems({ ...ok, status: 'accepted' })).toEqual({ form: 'This transfer has already been accepted' });
    expect(responseProblems({ ...ok, status: 'declined' })).toEqual({ form: 'This transfer has already been declined' });
    expect(responseProblems({ ...ok, status: 'withdrawn', decision: 'decline', note: 'x' })).toEqual({ form: 'This transfer has already been withdrawn' });
  });

  it('cannot accept once the lead has moved elsewhere (it may still be declined)', () => {
    const moved = { ...ok, leadNow: { agencyId: 'police', teamId: null } };
    expect(responseProblems(moved).decision).toContain('cannot be accepted');
    expect(responseProblems({ ...ok, leadNow: null }).decision).toContain('cannot be accepted');
    expect(responseProblems({ ...moved, decision: 'decline', note: 'The lead has moved.' })).toEqual({});
  });

  it('lets only the proposer withdraw, once', () => {
    expect(withdrawalProblems({ viewerAgencyId: 'csc', status: 'proposed', fromAgencyId: 'csc' })).toEqual({});
    expect(withdrawalProblems({ viewerAgencyId: 'asc', status: 'proposed', fromAgencyId: 'csc' })).toEqual({ form: 'Only the agency that proposed the transfer can withdraw it' });
    expect(withdrawalProblems({ viewerAgencyId: 'csc', status: 'withdrawn', fromAgencyId: 'csc' })).toEqual({ form: 'This transfer has already been withdrawn' });
  });
});

describe('exactly one open lead, always', () => {
  const day = 86_400_000;
  const csc: LeadPeriod = { agencyId: 'csc', teamId: 'mash', since: 0, until: null };
  const to = { agencyId: 'asc', teamId: 'hub' };

  it('ends the old lead and opens the new one at the same instant', () => {
    const after = acceptTransfer([csc], { from: csc, to }, 100 * day);
    expect(openLeads(after)).toEqual([{ agencyId: 'asc', teamId: 'hub', since: 100 * day, until: null }]);
    expect(after).toHaveLength(2);
    expect(after[0]).toEqual({ ...csc, until: 100 * day });
    // one lead at every instant, before and after
    for (const at of [0, 50 * day, 100 * day - 1, 100 * day, 500 * day]) expect(leadAt(after, at)).not.toBeNull();
    expect(leadAt(after, 100 * day - 1)!.agencyId).toBe('csc');
    expect(leadAt(after, 100 * day)!.agencyId).toBe('asc');
    expect(leadAt(after, -1)).toBeNull();
  });

  it('keeps one open lead through a run of transfers', () => {
    let periods: LeadPeriod[] = [csc];
    const holders = [to, { agencyId: 'da', teamId: null }, { agencyId: 'asc', teamId: 'hub' }];
    let from: { agencyId: string; teamId: string | null } = csc;
    holders.forEach((h, i) => {
      periods = acceptTransfer(periods, { from, to: h }, (i + 1) * 10 * day);
      expect(openLeads(periods)).toHaveLength(1);
      from = h;
    });
    expect(periods).toHaveLength(4);
  });

  it('refuses a transfer that does not start from the one open lead', () => {
    expect(() => acceptTransfer([], { from: csc, to }, day)).toThrow('exactly one open lead');
    expect(() => acceptTransfer([csc, { ...csc, agencyId: 'x' }], { from: csc, to }, day)).toThrow('exactly one open lead');
    expect(() => acceptTransfer([csc], { from: { agencyId: 'police', teamId: null }, to }, day)).toThrow('does not start from the lead');
    expect(() => acceptTransfer([{ ...csc, since: 5 * day }], { from: csc, to }, day)).toThrow('before the lead began');
  });
});
