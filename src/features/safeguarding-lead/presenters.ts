/** Words, tags and rows for the lead and transitions pages: who leads, the 18th birthday, transfers and their status. */
import { asDate } from '../../db/client.js';
import { labelOf } from '../../domain/codes.js';
import { personName } from '../../domain/names.js';
import { TRANSFER_STATUSES, describeDaysUntilEighteen, transitionsPlace, workKindLabel } from '../../domain/safeguarding-lead.js';
import { formatDate, formatDateTime } from '../../platform/views.js';
import { leadChoiceValue } from './forms.js';
import { transferPath } from './paths.js';
import { type TransferRow, type TransitionRow } from './repository.js';
import { type LeadChoice, type LeadHistoryItem } from './service.js';

export interface Tag {
  text: string;
  classes: string;
}

/** "Fernmoor Adult Social Care, Adult Safeguarding Hub", or the agency alone when no team is known. */
export function holderName(agencyName: string, teamName: string | null | undefined): string {
  return teamName ? `${agencyName}, ${teamName}` : agencyName;
}

const STATUS_CLASSES: Record<string, string> = { proposed: 'govuk-tag--yellow', accepted: 'govuk-tag--green', declined: 'govuk-tag--red', withdrawn: 'govuk-tag--grey' };

export function transferStatusTag(status: string): Tag {
  return { text: labelOf(TRANSFER_STATUSES, status) || status, classes: STATUS_CLASSES[status] ?? 'govuk-tag--grey' };
}

/** A person's name as a list shows it: withheld for a restricted person (their page asks for a reason). */
function listName(r: { given_names: string | null; family_name: string | null; restricted: boolean }): string {
  return personName(r, { withheld: r.restricted });
}

/** A row of the transitions list: the person, their 18th birthday and how far off it is, who leads, any transfer waiting. */
export function transitionRow(r: TransitionRow, today: string, personHref: (id: string) => string) {
  const place = transitionsPlace({ dateOfBirth: r.date_of_birth, leadAgencyType: r.agency_type, leadSince: r.since_date, today });
  return {
    name: listName(r),
    href: personHref(r.person_id),
    dateOfBirth: r.date_of_birth,
    eighteenth: place?.eighteenth ?? null,
    untilEighteen: place ? describeDaysUntilEighteen(place.daysUntilEighteen) : '',
    pastEighteen: place?.pastEighteen ?? false,
    lead: holderName(r.agency_name, r.team_name),
    since: asDate(r.since),
    work: workKindLabel(r.work_kind),
    pending: r.transfer_id
      ? { text: `Transfer to ${holderName(r.transfer_to_agency_name ?? '', r.transfer_to_team_name)} waiting for an answer`, href: transferPath(r.transfer_id) }
      : null,
  };
}

/** The name a list or a transfer's page shows. */
export function transferPersonName(r: TransferRow): string {
  return listName(r);
}

/** A row of a list of transfers (waiting for my agency's answer, or proposed by my agency). */
export function transferRow(r: TransferRow) {
  return {
    name: listName(r),
    href: transferPath(r.id),
    from: holderName(r.from_agency_name, r.from_team_name),
    to: holderName(r.to_agency_name, r.to_team_name),
    proposedAt: asDate(r.proposed_at),
    proposedBy: r.proposed_by_name ?? 'Not known',
    status: transferStatusTag(r.status),
  };
}

/** The summary of a transfer for its page. */
export function transferSummary(r: TransferRow) {
  const rows: { key: { text: string }; value: { text: string; classes?: string } }[] = [
    { key: { text: 'Date of birth' }, value: { text: r.date_of_birth ? formatDate(r.date_of_birth) : 'Not recorded' } },
    { key: { text: 'Leads now (handing over)' }, value: { text: holderName(r.from_agency_name, r.from_team_name) } },
    { key: { text: 'Asked to take the lead' }, value: { text: holderName(r.to_agency_name, r.to_team_name) } },
    { key: { text: 'Why the lead should move' }, value: { text: r.reason, classes: 'app-narrative' } },
    { key: { text: 'Proposed' }, value: { text: `${formatDateTime(asDate(r.proposed_at))} by ${r.proposed_by_name ?? 'someone no longer known'}` } },
    { key: { text: 'Status' }, value: { text: labelOf(TRANSFER_STATUSES, r.status) || r.status } },
  ];
  if (r.responded_at) {
    const verb = r.status === 'withdrawn' ? 'Withdrawn' : 'Answered';
    rows.push({ key: { text: verb }, value: { text: `${formatDateTime(asDate(r.responded_at))} by ${r.responded_by_name ?? 'someone no longer known'}` } });
  }
  if (r.response_note) rows.push({ key: { text: 'Note' }, value: { text: r.response_note, classes: 'app-narrative' } });
  return rows;
}

/**
 * The choices of who should lead, for a select: each agency that may lead, then each of its teams; not whoever leads
 * now. `selected`: the value sent back (after a refused form).
 */
export function leadChoiceItems(choices: readonly LeadChoice[], current: { agencyId: string; teamId: string | null } | null, selected: unknown) {
  const items: { value: string; text: string; selected?: boolean }[] = [{ value: '', text: 'Choose an agency or team' }];
  for (const c of choices) {
    const options = [{ teamId: null as string | null, text: c.agencyName }, ...c.teams.map((t) => ({ teamId: t.id as string | null, text: holderName(c.agencyName, t.name) }))];
    for (const o of options) {
      if (current && current.agencyId === c.agencyId && current.teamId === o.teamId) continue;
      const value = leadChoiceValue(c.agencyId, o.teamId);
      items.push({ value, text: o.text, ...(selected === value ? { selected: true } : {}) });
    }
  }
  return items;
}

/** Earlier leads, for the panel and the transfer page: who, from when to when, and why. */
export function historyRows(history: readonly LeadHistoryItem[]) {
  return history.map((h) => [
    { text: holderName(h.agencyName, h.teamName) },
    { text: `${formatDate(h.since)} to ${h.until ? formatDate(h.until) : 'now'}` },
    { text: `${workKindLabel(h.workKind)}: ${h.reason}` },
  ]);
}

/** The flash after a change, by the `done` query value. */
export function doneMessage(done: string): string | undefined {
  return (
    {
      proposed: 'Transfer proposed: the agency asked has been told. The lead stays with your agency until they accept.',
      accepted: 'Transfer accepted: your agency leads from now.',
      declined: 'Transfer declined: the lead stays where it was.',
      withdrawn: 'Transfer withdrawn: the lead stays with your agency.',
    } as Record<string, string>
  )[done];
}

