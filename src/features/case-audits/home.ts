/**
 * Multi-agency audits' home panel (features/home/panels.ts): the audits with records waiting for this agency's
 * grading, soonest due first. Items, not counts: each opens the agency's part of the audit. Nothing waiting: no panel.
 */
import { formatDate } from '../../platform/views.js';
import { type HomeContributor, type HomePanel, plural } from '../home/panels.js';
import { type CaseAuditService } from './service.js';
import { auditPath } from './paths.js';

export function auditsPanel(waiting: readonly { audit_id: string; reference: string; topic: string; grading_due_on: string | null; waiting: number }[], today: string): HomePanel | null {
  if (waiting.length === 0) return null;
  return {
    title: 'Multi-agency audits to grade',
    counts: [],
    items: waiting.map((w) => ({
      text: `${w.waiting} ${plural(w.waiting, 'record')} for ${w.reference}: ${w.topic}`,
      href: auditPath('ours', { id: w.audit_id }),
      ...(w.grading_due_on ? { when: `due ${formatDate(w.grading_due_on)}`, overdue: w.grading_due_on < today } : {}),
    })),
    links: [{ text: 'Our audit gradings', href: auditPath('ourGradings', {}) }],
  };
}

export function caseAuditHomePanels(audits: CaseAuditService): HomeContributor[] {
  return [
    {
      id: 'case-audits',
      order: 68,
      needs: ['audits:grade'],
      async panel(user) {
        return auditsPanel(await audits.waiting(user), audits.today());
      },
    },
  ];
}
