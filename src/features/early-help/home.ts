/**
 * Early help's home panels (features/home/panels.ts): the early help service's new requests and overdue deadlines
 * (early_help:manage), and a lead practitioner's agency's families (early_help:lead). Every count is a tab's figure
 * of the list it opens, from the same query (EarlyHelpService.worklistCounts, oursCounts).
 */
import { type HomeContributor, type HomePanel, plural } from '../home/panels.js';
import { earlyHelpPath } from './paths.js';
import { type EarlyHelpService, type WorklistShow } from './service.js';

/** The early help service's triage: deadlines overdue first, then the new families to contact or triage. */
export function requestsPanel(counts: Record<WorklistShow, number>): HomePanel {
  return {
    title: 'Early help requests',
    counts: [
      { count: counts.overdue, text: `${plural(counts.overdue, 'family', 'families')} with a deadline overdue`, href: earlyHelpPath('worklist', {}, { show: 'overdue' }), tone: 'overdue' },
      { count: counts.new, text: `new ${plural(counts.new, 'family', 'families')} to contact or triage`, href: earlyHelpPath('worklist', {}, { show: 'new' }), tone: 'waiting' },
    ],
    links: [{ text: 'The early help worklist', href: earlyHelpPath('worklist', {}) }],
  };
}

/** The families a lead practitioner's agency leads or supports; none, no panel. */
export function familiesPanel(counts: { all: number; overdue: number }): HomePanel | null {
  if (counts.all === 0) return null;
  return {
    title: 'Your agency’s early help families',
    counts: [
      { count: counts.overdue, text: `${plural(counts.overdue, 'family', 'families')} with a deadline overdue (contact, triage or the early help assessment)`, href: earlyHelpPath('ours', {}, { show: 'overdue' }), tone: 'overdue' },
      { count: counts.all, text: `${plural(counts.all, 'family', 'families')} your agency leads or supports`, href: earlyHelpPath('ours', {}), tone: 'waiting' },
    ],
  };
}

export function earlyHelpHomePanels(earlyHelp: EarlyHelpService): HomeContributor[] {
  return [
    { id: 'early-help-requests', order: 36, needs: ['early_help:manage'], panel: async (user) => requestsPanel(await earlyHelp.worklistCounts(user)) },
    {
      id: 'early-help-families',
      order: 37,
      needs: ['early_help:lead'],
      // Children's social care leads early help only as the council; its social workers' work is their cases.
      // Children's social care and the front door see the council's families through their own work, not as
      // families their agency leads (the MASH's agency is the council, which holds every family).
      panel: async (user) => (user.permissions.has('csc:work') || user.permissions.has('worklist:view') ? null : familiesPanel(await earlyHelp.oursCounts(user))),
    },
  ];
}
