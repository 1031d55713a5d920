/**
 * The audit home panel (features/home/panels.ts), for managers who see the audit: restricted records opened in the
 * last 7 days, to review. The count is the audit page's list for the last 7 days (AuditService.breakGlassReport).
 */
import { type HomeContributor, type HomePanel, plural } from '../home/panels.js';
import { type AuditService } from './service.js';
import { auditPath } from './paths.js';

export function auditPanel(openedLastWeek: number): HomePanel {
  return {
    title: 'Audit',
    counts: [{ count: openedLastWeek, text: `restricted ${plural(openedLastWeek, 'record')} opened (break glass) in the last 7 days, to review`, href: auditPath('audit', {}, { days: 7 }), tone: 'waiting' }],
    links: [{ text: 'Audit: restricted records opened in the last 90 days', href: auditPath('audit', {}) }],
  };
}

export function auditHomePanels(auditViews: AuditService): HomeContributor[] {
  return [
    {
      id: 'audit',
      order: 95,
      needs: ['audit:view'],
      async panel(user) {
        return auditPanel((await auditViews.breakGlassReport(user.tenantId, 7)).length);
      },
    },
  ];
}
