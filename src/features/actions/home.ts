/**
 * Partnership actions' home panel (features/home/panels.ts): the agency's own open and overdue actions (the "our
 * actions" list's filters), and for the business unit the partnership's overdue actions (the actions list's). Every
 * count is ActionService.homeCounts, taken with the list's own filter (repository actionWhere).
 */
import { type HomeContributor, type HomeCount, type HomePanel, plural } from '../home/panels.js';
import { type ActionService } from './service.js';
import { actionPath } from './paths.js';

export function actionsPanel(c: { open: number; overdue: number; partnershipOverdue: number | null }, ownAgency: boolean): HomePanel | null {
  const counts: HomeCount[] = [];
  if (c.partnershipOverdue !== null) {
    counts.push({ count: c.partnershipOverdue, text: `partnership ${plural(c.partnershipOverdue, 'action')} overdue across the agencies`, href: actionPath('actions', {}, { state: 'overdue' }), tone: 'overdue' });
  }
  if (ownAgency && c.open > 0) {
    counts.push(
      { count: c.overdue, text: `of your agency’s partnership actions ${plural(c.overdue, 'is', 'are')} overdue`, href: actionPath('ours', {}, { state: 'overdue' }), tone: 'overdue' },
      { count: c.open, text: `open partnership ${plural(c.open, 'action')} your agency owns`, href: actionPath('ours', {}), tone: 'waiting' },
    );
  }
  if (counts.length === 0) return null;
  return {
    title: 'Partnership actions',
    counts,
    links: [{ text: c.partnershipOverdue !== null ? 'Safeguarding partnership dashboard' : 'Our partnership actions', href: c.partnershipOverdue !== null ? actionPath('dashboard', {}) : actionPath('ours', {}) }],
  };
}

export function actionHomePanels(actions: ActionService): HomeContributor[] {
  return [
    {
      id: 'partnership-actions',
      order: 62,
      needs: ['actions:update', 'partnership:manage'],
      async panel(user) {
        const viewer = { userId: user.userId, tenantId: user.tenantId, agencyId: user.agencyId, roles: user.roles, requestId: 'home', permissions: user.permissions };
        return actionsPanel(await actions.homeCounts(viewer), user.permissions.has('actions:update'));
      },
    },
  ];
}
