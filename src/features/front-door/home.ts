/**
 * The front door's home panels (features/home/panels.ts): a screener's and manager's worklist. Every count is the
 * worklist's own figure (ContactService.worklistCounts), and links to the worklist filtered to that figure.
 */
import { type HomeContributor, plural } from '../home/panels.js';
import { type ContactService } from './contact-service.js';
import { frontDoorPath } from './paths.js';

export function frontDoorHomePanels(contacts: ContactService): HomeContributor[] {
  return [
    {
      id: 'front-door-worklist',
      order: 10,
      needs: ['worklist:view'],
      async panel(user) {
        const counts = await contacts.worklistCounts(user);
        const authorise = user.permissions.has('contact:authorise');
        return {
          title: 'Front door worklist',
          counts: [
            { count: counts.overdue, text: `${plural(counts.overdue, 'contact')} past the decision deadline`, href: frontDoorPath('worklist', {}, { due: 'overdue' }), tone: 'overdue' },
            { count: counts.due_today, text: `${plural(counts.due_today, 'decision')} due by the end of today`, href: frontDoorPath('worklist', {}, { due: 'today' }), tone: 'due' },
            { count: counts.open, text: `${plural(counts.open, 'contact')} awaiting screening`, href: frontDoorPath('worklist', {}, { status: 'open' }), tone: 'waiting' },
            ...(authorise
              ? [{ count: counts.awaiting, text: `${plural(counts.awaiting, 'decision')} awaiting your authorisation`, href: frontDoorPath('worklist', {}, { status: 'awaiting_authorisation' }), tone: 'waiting' as const }]
              : []),
          ],
          links: [{ text: 'Open the worklist', href: frontDoorPath('worklist', {}) }],
        };
      },
    },
  ];
}
