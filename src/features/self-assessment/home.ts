/**
 * Self-assessment's home panels (features/home/panels.ts): an organisation's returns still to submit (the count is
 * the "our self-assessments: to submit" list's total, by the same query), and for the business unit the open rounds
 * with the returns still outstanding.
 */
import { formatDate } from '../../platform/views.js';
import { type HomeContributor, type HomePanel, plural } from '../home/panels.js';
import { type OurReturnRow, type RoundRow } from './repository.js';
import { type SelfAssessmentService } from './service.js';
import { roundPath, saPath } from './paths.js';
import { ourRow } from './presenters.js';

export function ourReturnsPanel(open: { rows: OurReturnRow[]; total: number }): HomePanel | null {
  if (open.total === 0) return null;
  return {
    title: 'Safeguarding self-assessments',
    counts: [{ count: open.total, text: `self-assessment ${plural(open.total, 'return')} for your organisation to submit`, href: saPath('ours', {}, { show: 'open' }), tone: 'waiting' }],
    items: open.rows.map(ourRow).map((r) => ({ text: r.title, href: r.href, when: `due ${r.due}`, detail: `${r.progress} complete` })),
  };
}

export function roundsPanel(rounds: readonly RoundRow[]): HomePanel | null {
  const outstanding = rounds.filter((r) => r.returns > r.submitted);
  if (outstanding.length === 0) return null;
  return {
    title: 'Self-assessment rounds',
    counts: [],
    items: outstanding.map((r) => ({ text: r.title, href: roundPath(r.id), detail: `${r.returns - r.submitted} of ${r.returns} ${plural(r.returns, 'return')} outstanding`, when: `due ${formatDate(r.due_on)}` })),
    itemsTitle: 'Open rounds with returns outstanding',
    links: [{ text: 'Self-assessment rounds', href: saPath('home', {}) }],
  };
}

export function selfAssessmentHomePanels(sa: SelfAssessmentService): HomeContributor[] {
  return [
    {
      id: 'self-assessment',
      order: 66,
      needs: ['self_assessment:complete', 'partnership:manage'],
      async panel(user) {
        if (user.permissions.has('partnership:manage')) return roundsPanel(await sa.openRounds(user.tenantId));
        return ourReturnsPanel(await sa.openReturns({ userId: user.userId, tenantId: user.tenantId, agencyId: user.agencyId, roles: user.roles, requestId: 'home' }));
      },
    },
  ];
}
