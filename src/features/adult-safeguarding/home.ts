/**
 * Adult safeguarding's home panels (features/home/panels.ts): the adult team's concerns and enquiries, and a partner
 * agency's (or care provider's) requests to contribute to enquiries. Every count is a worklist view's own figure
 * (AdultSafeguardingService.counts, keyed by the views) or a contributions list's total, and links to that list.
 */
import { type HomeContributor, type HomePanel, plural } from '../home/panels.js';
import { type WorklistView } from './repository.js';
import { type AdultSafeguardingService } from './service.js';
import { adultPath } from './paths.js';

const view = (v: WorklistView) => adultPath('worklist', {}, { view: v });

/** The adult team's panel: decisions overdue and due today first, then what is allocated to them and waiting. */
export function adultWorkPanel(counts: Record<WorklistView, number>, canAuthorise: boolean): HomePanel {
  return {
    title: 'Adult safeguarding',
    counts: [
      { count: counts.overdue, text: `${plural(counts.overdue, 'concern')} past the decision timescale`, href: view('overdue'), tone: 'overdue' },
      { count: counts.due_today, text: `${plural(counts.due_today, 'decision')} due by the end of today`, href: view('due_today'), tone: 'due' },
      ...(canAuthorise ? [{ count: counts.to_authorise, text: `${plural(counts.to_authorise, 'decision')} waiting for your authorisation`, href: view('to_authorise'), tone: 'due' as const }] : []),
      { count: counts.mine, text: `${plural(counts.mine, 'concern or enquiry', 'concerns and enquiries')} allocated to you`, href: view('mine'), tone: 'waiting' },
      { count: counts.to_decide, text: `${plural(counts.to_decide, 'concern')} to decide in the team`, href: view('to_decide'), tone: 'waiting' },
      ...(canAuthorise ? [{ count: counts.enquiries, text: `open section 42 ${plural(counts.enquiries, 'enquiry', 'enquiries')}`, href: view('enquiries'), tone: 'waiting' as const }] : []),
    ],
    links: [{ text: 'Open the adult safeguarding worklist', href: adultPath('worklist', {}) }],
  };
}

/**
 * A partner agency's requests to contribute to an adult safeguarding enquiry. Shown when some wait; to a care
 * provider's staff (for whom it is the only work) always, saying so when none do.
 */
export function contributionsPanel(counts: { waiting: number; overdue: number }, always: boolean): HomePanel | null {
  if (counts.waiting === 0 && !always) return null;
  return {
    title: 'Safeguarding enquiry requests',
    counts:
      counts.waiting === 0
        ? []
        : [
            { count: counts.overdue, text: `${plural(counts.overdue, 'request')} past the date the answer was due`, href: adultPath('contributions', {}, { show: 'overdue' }), tone: 'overdue' },
            { count: counts.waiting, text: `${plural(counts.waiting, 'request')} to contribute to an enquiry waiting for your agency’s answer`, href: adultPath('contributions', {}), tone: 'waiting' },
          ],
    links: [{ text: 'Requests to contribute', href: adultPath('contributions', {}) }],
    empty: 'No requests to contribute to adult safeguarding enquiries are waiting for your agency.',
  };
}

export function adultSafeguardingHomePanels(adults: AdultSafeguardingService): HomeContributor[] {
  return [
    {
      id: 'adult-safeguarding',
      order: 40,
      needs: ['adult:work'],
      async panel(user) {
        return adultWorkPanel(await adults.counts(user), user.permissions.has('adult:authorise'));
      },
    },
    {
      id: 'adult-contributions',
      order: 48,
      needs: ['adult:contribute'],
      async panel(user) {
        // The adult team's own agency is not asked to contribute to its own enquiries.
        if (user.permissions.has('adult:work')) return null;
        const [waiting, overdue] = await Promise.all([adults.contributionsForAgency(user, 'waiting', 1, 1), adults.contributionsForAgency(user, 'overdue', 1, 1)]);
        return contributionsPanel({ waiting: waiting.total, overdue: overdue.total }, user.permissions.size === 1);
      },
    },
  ];
}
