/**
 * Early help: the rules of an episode for a family, from the front door's decision (or a step down from children's
 * social care) to its close. The family contacted and engaged within 3 working days and triaged within 5 (local
 * standards); the early help assessment (EHA) completed within 30 working days of the start of the episode by the
 * lead practitioner's agency, of any kind (a school, health, the council's locality team).
 */
import { type DeadlineState } from './timescales.js';

export type EpisodeStage = 'to_contact' | 'to_triage' | 'eha_to_start' | 'eha_in_progress' | 'eha_completed' | 'closed';

export const STAGE_TITLES: Record<EpisodeStage, string> = {
  to_contact: 'Family to contact',
  to_triage: 'To triage',
  eha_to_start: 'Assessment to start',
  eha_in_progress: 'Assessment in progress',
  eha_completed: 'Assessment completed',
  closed: 'Closed',
};

export type EpisodeAction = 'contacted' | 'triage' | 'start_eha' | 'complete_eha' | 'team' | 'step_up' | 'close';

/** What the rules read of an episode. */
export interface EpisodeState {
  status: string;
  contactedAt: Date | null;
  engaged: boolean | null;
  triagedAt: Date | null;
  ehaStartedAt: Date | null;
  ehaCompletedAt: Date | null;
  steppedUpToContactId: string | null;
}

/** Where an episode stands: the first thing still to do. */
export function episodeStage(e: EpisodeState): EpisodeStage {
  if (e.status !== 'open') return 'closed';
  if (e.engaged !== true) return 'to_contact';
  if (!e.triagedAt) return 'to_triage';
  if (!e.ehaStartedAt) return 'eha_to_start';
  if (!e.ehaCompletedAt) return 'eha_in_progress';
  return 'eha_completed';
}

/** Why an action cannot be taken on an episode now (null: it can). */
export function actionProblem(e: EpisodeState, action: EpisodeAction): string | null {
  if (e.status !== 'open') return 'This early help episode is closed';
  switch (action) {
    case 'contacted':
      return e.engaged === true ? 'The family has already been contacted and engaged' : null;
    case 'triage':
      return e.triagedAt ? 'The family has already been triaged: the lead is chosen' : null;
    case 'start_eha':
      if (!e.triagedAt) return 'Triage the family first: choose who leads the early help';
      if (e.engaged !== true) return 'The family must agree to early help before an assessment starts: record that they were contacted and engaged';
      return e.ehaStartedAt ? 'The early help assessment has already started' : null;
    case 'complete_eha':
      if (!e.ehaStartedAt) return 'Start the early help assessment first';
      return e.ehaCompletedAt ? 'The early help assessment has already been completed' : null;
    case 'step_up':
      return e.steppedUpToContactId ? 'This family has already been stepped up to children’s social care' : null;
    case 'team':
    case 'close':
      return null;
  }
}

export function allows(e: EpisodeState, action: EpisodeAction): boolean {
  return actionProblem(e, action) === null;
}

/** The problems with a record of the family contacted: when (after the episode began, not in the future). */
export function contactedProblems(input: { contactedAt: Date; startedAt: Date; now: Date }): Record<string, string> {
  if (input.contactedAt.getTime() > input.now.getTime() + 60_000) return { contactedAt: 'The date and time the family was contacted must be in the past' };
  if (input.contactedAt.getTime() < input.startedAt.getTime() - 60_000) return { contactedAt: 'The family cannot have been contacted before the episode began' };
  return {};
}

/** The agency types whose practitioners may lead early help for a family. */
export const LEAD_AGENCY_TYPES: ReadonlySet<string> = new Set(['children_social_care', 'school', 'health', 'education', 'voluntary', 'housing', 'idva_da_service']);

export type Rag = 'red' | 'amber' | 'green';

/** Red when overdue, amber when due today, green when later. */
export function ragOf(state: DeadlineState): Rag {
  return state === 'overdue' ? 'red' : state === 'due-today' ? 'amber' : 'green';
}

export type ClockName = 'contact' | 'triage' | 'eha';

export const CLOCK_TITLES: Record<ClockName, string> = {
  contact: 'Family contacted and engaged (3 working days)',
  triage: 'Triaged (5 working days)',
  eha: 'Early help assessment completed (30 working days)',
};

/** An episode's clocks: each with its deadline and, when done, when. */
export function episodeClocks(e: EpisodeState & { contactDueAt: Date; triageDueAt: Date; ehaDueAt: Date | null }): { name: ClockName; dueAt: Date; doneAt: Date | null }[] {
  const out: { name: ClockName; dueAt: Date; doneAt: Date | null }[] = [
    { name: 'contact', dueAt: e.contactDueAt, doneAt: e.engaged === true ? e.contactedAt : null },
    { name: 'triage', dueAt: e.triageDueAt, doneAt: e.triagedAt },
  ];
  if (e.ehaDueAt) out.push({ name: 'eha', dueAt: e.ehaDueAt, doneAt: e.ehaCompletedAt });
  return out;
}

/** The next deadline still running on an open episode (the worklist's order), or null. */
export function nextDeadline(e: EpisodeState & { contactDueAt: Date; triageDueAt: Date; ehaDueAt: Date | null }): { name: ClockName; dueAt: Date } | null {
  if (e.status !== 'open') return null;
  const running = episodeClocks(e).filter((c) => !c.doneAt);
  running.sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
  return running[0] ?? null;
}

/** Done in time or late, for a clock that has stopped. */
export function doneInTime(dueAt: Date, doneAt: Date): boolean {
  return doneAt.getTime() <= dueAt.getTime();
}

/** An episode's reference: EH-2026-000123. */
export function earlyHelpReference(year: number, n: number): string {
  return `EH-${year}-${String(n).padStart(6, '0')}`;
}

/** The family's name from the children's (and anyone's) names: the family name most of them share. */
export function familyNameOf(names: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const name of names) {
    const family = name.trim().split(/\s+/).at(-1);
    if (family && family !== 'known') counts.set(family, (counts.get(family) ?? 0) + 1);
  }
  let best: string | null = null;
  for (const [family, n] of counts) if (best === null || n > counts.get(best)!) best = family;
  return best ?? 'Family name not known';
}
