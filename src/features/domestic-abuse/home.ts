/**
 * Domestic abuse's home panel (features/home/panels.ts): the daily triage (MADA) for the police, the IDVA service and
 * the MASH: notifications waiting for a decision, and those overdue (received before the last working day). Each count
 * is the total of the DA list's own filter (DomesticAbuseService.triageCounts, the same query as `recent`).
 */
import { type HomeContributor, type HomePanel, plural } from '../home/panels.js';
import { domesticAbusePath } from './paths.js';
import { type DomesticAbuseService } from './service.js';

export function triagePanel(counts: { undecided: number; overdue: number }, meetingStarted: boolean): HomePanel {
  return {
    title: 'Domestic abuse triage',
    counts: [
      { count: counts.overdue, text: `${plural(counts.overdue, 'notification')} past a working day without a triage decision`, href: domesticAbusePath('cases', {}, { show: 'overdue' }), tone: 'overdue' },
      { count: counts.undecided, text: `${plural(counts.undecided, 'notification')} waiting for the triage meeting`, href: domesticAbusePath('cases', {}, { show: 'undecided' }), tone: 'waiting' },
    ],
    links: [
      { text: meetingStarted ? 'Go to today’s triage meeting' : 'Start today’s triage meeting', href: domesticAbusePath('mada', {}) },
      { text: 'Your agency’s actions from the triage meeting', href: domesticAbusePath('actions', {}) },
    ],
  };
}

export function domesticAbuseHomePanels(da: DomesticAbuseService): HomeContributor[] {
  return [
    {
      id: 'da-triage',
      order: 20,
      needs: ['da:triage'],
      async panel(user) {
        return triagePanel(await da.triageCounts(user), !!(await da.meetingToday(user.tenantId)));
      },
    },
  ];
}
