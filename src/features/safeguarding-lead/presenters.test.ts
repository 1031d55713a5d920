import { describe, expect, it } from 'vitest';
import { doneMessage, historyRows, holderName, leadChoiceItems, transferPersonName, transferRow, transferStatusTag, transferSummary, transitionRow } from './presenters.js';
import { type TransferRow, type TransitionRow } from './repository.js';
import { leadTransfersPanel } from './home.js';

const transition = (over: Partial<TransitionRow> = {}): TransitionRow => ({
  person_id: 'p1',
  given_names: 'Rowan',
  family_name: 'Ash',
  date_of_birth: '2007-11-20',
  restricted: false,
  agency_id: 'csc',
  agency_name: 'Fernmoor Children’s Services',
  agency_type: 'children_social_care',
  team_name: 'MASH',
  since: '2025-03-10 10:00:00+00',
  since_date: '2025-03-10',
  work_kind: 'contact',
  transfer_id: null,
  transfer_to_agency_name: null,
  transfer_to_team_name: null,
  transfer_proposed_at: null,
  ...over,
});

const transfer = (over: Partial<TransferRow> = {}): TransferRow => ({
  id: 't1',
  tenant_id: 'x',
  person_id: 'p1',
  from_agency_id: 'csc',
  from_agency_name: 'Fernmoor Children’s Services',
  from_team_id: 'mash',
  from_team_name: 'MASH',
  to_agency_id: 'asc',
  to_agency_name: 'Fernmoor Adult Social Care',
  to_team_id: null,
  to_team_name: null,
  reason: 'She is 18 in November.',
  proposed_by_user_id: 'u1',
  proposed_by_name: 'Morgan Manager',
  proposed_at: '2025-09-10 09:00:00+00',
  status: 'proposed',
  responded_by_name: null,
  responded_at: null,
  response_note: null,
  given_names: 'Rowan',
  family_name: 'Ash',
  date_of_birth: '2007-11-20',
  restricted: false,
  ...over,
});

describe('lead presenters', () => {
  it('names who leads, with the team when known', () => {
    expect(holderName('Fernmoor Adult Social Care', 'Adult Safeguarding Hub')).toBe('Fernmoor Adult Social Care, Adult Safeguarding Hub');
    expect(holderName('Fernmoor Adult Social Care', null)).toBe('Fernmoor Adult Social Care');
  });

  it('says each transfer status in words, with a colour that is never the only signal', () => {
    expect(transferStatusTag('proposed')).toEqual({ text: 'Waiting for an answer', classes: 'govuk-tag--yellow' });
    expect(transferStatusTag('accepted').text).toBe('Accepted');
    expect(transferStatusTag('declined').text).toBe('Declined');
    expect(transferStatusTag('withdrawn').text).toBe('Withdrawn');
    expect(transferStatusTag('odd')).toEqual({ text: 'odd', classes: 'govuk-tag--grey' });
  });

  it('shows a transitions row with the 18th birthday, how far off it is, and any transfer waiting', () => {
    const row = transitionRow(transition(), '2025-09-10', (id) => `/people/${id}`);
    expect(row).toMatchObject({ name: 'Rowan Ash', href: '/people/p1', eighteenth: '2025-11-20', untilEighteen: '18 in 71 days', pastEighteen: false, lead: 'Fernmoor Children’s Services, MASH', work: 'A contact at the front door', pending: null });
    const past = transitionRow(transition({ transfer_id: 't9', transfer_to_agency_name: 'Fernmoor Adult Social Care', transfer_to_team_name: 'Adult Safeguarding Hub' }), '2025-11-25', (id) => `/people/${id}`);
    expect(past.pastEighteen).toBe(true);
    expect(past.untilEighteen).toBe('18 for 5 days');
    expect(past.pending).toEqual({ text: 'Transfer to Fernmoor Adult Social Care, Adult Safeguarding Hub waiting for an answer', href: '/transitions/transfers/t9' });
  });

  it('withholds a restricted person’s name in lists and on a transfer', () => {
    expect(transitionRow(transition({ restricted: true }), '2025-09-10', (id) => `/people/${id}`).name).toBe('Restricted person');
    expect(transferRow(transfer({ restricted: true })).name).toBe('Restricted person');
    expect(transferPersonName(transfer({ restricted: true }))).toBe('Restricted person');
    expect(transferPersonName(transfer())).toBe('Rowan Ash');
  });

  it('shows a transfer row and its summary, with the answer once given', () => {
    expect(transferRow(transfer())).toMatchObject({ href: '/transitions/transfers/t1', from: 'Fernmoor Children’s Services, MASH', to: 'Fernmoor Adult Social Care', proposedBy: 'Morgan Manager', status: { text: 'Waiting for an answer' } });
    const waiting = transferSummary(transfer());
    expect(waiting.map((r) => r.key.text)).toEqual(['Date of birth', 'Leads now (handing over)', 'Asked to take the lead', 'Why the lead should move', 'Proposed', 'Status']);
    expect(waiting.find((r) => r.key.text === 'Why the lead should move')!.value).toEqual({ text: 'She is 18 in November.', classes: 'app-narrative' });
    const answered = transferSummary(transfer({ status: 'declined', responded_by_name: 'Robin Lead', responded_at: '2025-09-12 09:30:00+00', response_note: 'Moved away.' }));
    expect(answered.map((r) => r.key.text).slice(-2)).toEqual(['Answered', 'Note']);
    expect(answered.find((r) => r.key.text === 'Answered')!.value.text).toContain('by Robin Lead');
    expect(transferSummary(transfer({ status: 'withdrawn', responded_by_name: 'Morgan Manager', responded_at: '2025-09-12 09:30:00+00' })).at(-1)!.key.text).toBe('Withdrawn');
    expect(transferSummary(transfer({ date_of_birth: null }))[0]!.value.text).toBe('Not recorded');
  });

  it('offers every agency and team that may lead, except whoever leads now, keeping the choice sent back', () => {
    const choices = [
      { agencyId: 'csc', agencyName: 'Children’s Services', agencyType: 'children_social_care', teams: [{ id: 'mash', name: 'MASH' }, { id: 'at', name: 'Assessment Team' }] },
      { agencyId: 'asc', agencyName: 'Adult Social Care', agencyType: 'adult_social_care', teams: [{ id: 'hub', name: 'Hub' }] },
    ];
    const items = leadChoiceItems(choices, { agencyId: 'csc', teamId: 'mash' }, 'asc:hub');
    expect(items).toEqual([
      { value: '', text: 'Choose an agency or team' },
      { value: 'csc', text: 'Children’s Services' },
      { value: 'csc:at', text: 'Children’s Services, Assessment Team' },
      { value: 'asc', text: 'Adult Social Care' },
      { value: 'asc:hub', text: 'Adult Social Care, Hub', selected: true },
    ]);
    expect(leadChoiceItems(choices, null, undefined)).toHaveLength(6);
  });

  it('lists who has led, and says what a change did', () => {
    const rows = historyRows([{ agencyName: 'Adult Social Care', teamName: 'Hub', since: new Date('2025-09-12T09:30:00Z'), until: null, reason: 'Turning 18.', workKind: 'lead_transfer', setByName: 'Robin Lead' }]);
    expect(rows).toEqual([[{ text: 'Adult Social Care, Hub' }, { text: '12 September 2025 to now' }, { text: 'A transfer of the lead: Turning 18.' }]]);
    expect(doneMessage('accepted')).toBe('Transfer accepted: your agency leads from now.');
    expect(doneMessage('proposed')).toContain('The lead stays with your agency until they accept');
    expect(doneMessage('nonsense')).toBeUndefined();
  });
});

describe('the lead’s home panel', () => {
  it('counts the transfers waiting, linking to that list; nothing when none waits', () => {
    expect(leadTransfersPanel(0)).toBeNull();
    const panel = leadTransfersPanel(2)!;
    expect(panel.counts).toEqual([{ count: 2, text: 'transfers of the lead waiting for your agency’s answer', href: '/transitions?show=waiting', tone: 'waiting' }]);
    expect(leadTransfersPanel(1)!.counts[0]!.text).toBe('transfer of the lead waiting for your agency’s answer');
  });
});
