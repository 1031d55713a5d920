/**
 * The front door's home panels (features/home/panels.ts): a screener's and manager's worklist, the information
 * requests an agency must answer, and a partner's own contacts (drafts to finish, what they sent that still awaits a
 * decision, what was shared with them this week). Every count is the figure of the list it links to, from the same
 * service method as that list's total: the worklist's figures (ContactService.worklistCounts, and worklistPage's
 * total), the queue's (InformationRequestService.queueCounts) and the contacts list's (ContactService.contactListCounts).
 */
import { type CurrentUser } from '../../platform/authz.js';
import { type HomeContributor, type HomeCount, type HomePanel, plural } from '../home/panels.js';
import { type ContactService } from './contact-service.js';
import { type InformationRequestService, type QueueFilter } from './information-request-service.js';
import { frontDoorPath } from './paths.js';
import { peoplePath } from '../people/paths.js';

type Permissions = Pick<CurrentUser, 'permissions'>;

/** The worklist panel: overdue and due first, then the work waiting; a manager's authorisations. */
export function worklistPanel(counts: { open: number; overdue: number; due_today: number; awaiting: number }, user: Permissions): HomePanel {
  const authorise = user.permissions.has('contact:authorise');
  return {
    title: 'Front door worklist',
    counts: [
      { count: counts.overdue, text: `${plural(counts.overdue, 'contact')} past the decision deadline`, href: frontDoorPath('worklist', {}, { due: 'overdue' }), tone: 'overdue' },
      { count: counts.due_today, text: `${plural(counts.due_today, 'decision')} due by the end of today`, href: frontDoorPath('worklist', {}, { due: 'today' }), tone: 'due' },
      { count: counts.open, text: `${plural(counts.open, 'contact')} awaiting screening`, href: frontDoorPath('worklist', {}, { status: 'open' }), tone: 'waiting' },
      ...(authorise ? [{ count: counts.awaiting, text: `${plural(counts.awaiting, 'decision')} awaiting your authorisation`, href: frontDoorPath('authorisations', {}), tone: 'waiting' as const }] : []),
    ],
    links: [
      { text: 'Open the worklist', href: frontDoorPath('worklist', {}) },
      ...(authorise ? [{ text: 'Decisions to authorise', href: frontDoorPath('authorisations', {}) }] : []),
      ...(user.permissions.has('contact:create') ? [{ text: 'Record a contact', href: frontDoorPath('newContact', {}) }] : []),
      ...(user.permissions.has('person:search') ? [{ text: 'Find a person', href: peoplePath('search', {}) }] : []),
    ],
  };
}

/**
 * Information requests the user's agency must answer: overdue, due today, all waiting; for a partner manager, the
 * overdue requests escalated to them. Null for front-door staff whose agency has nothing to answer (their work is the
 * worklist); a partner always sees the panel.
 */
export function informationRequestsPanel(counts: Record<QueueFilter, number>, user: Permissions): HomePanel | null {
  const escalations = user.permissions.has('info_request:escalations');
  if (user.permissions.has('worklist:view') && counts.open === 0) return null;
  const href = (show: QueueFilter) => frontDoorPath('informationRequests', {}, { show: show === 'open' ? null : show });
  const found: HomeCount[] = [
    { count: counts.overdue, text: `information ${plural(counts.overdue, 'request')} past the deadline`, href: href('overdue'), tone: 'overdue' },
    { count: counts.today, text: `information ${plural(counts.today, 'request')} due by the end of today`, href: href('today'), tone: 'due' },
    { count: counts.open, text: `information ${plural(counts.open, 'request')} waiting for your agency’s answer`, href: href('open'), tone: 'waiting' },
    ...(escalations ? [{ count: counts.escalated, text: `overdue ${plural(counts.escalated, 'request')} escalated to you`, href: href('escalated'), tone: 'overdue' as const }] : []),
  ];
  return {
    title: 'Information requests to answer',
    counts: found,
    links: [{ text: 'All information requests', href: frontDoorPath('informationRequests', {}) }],
  };
}

/** A partner's contacts: their drafts to finish, what their agency sent still awaiting a decision, what was shared this week. */
export function partnerContactsPanel(counts: { drafts: number; sent: number; shared: number }, user: Permissions): HomePanel {
  const href = (show: 'drafts' | 'sent' | 'shared') => frontDoorPath('contacts', {}, { show });
  const create = user.permissions.has('contact:create');
  return {
    title: 'Your agency’s contacts',
    counts: [
      ...(create || counts.drafts > 0 ? [{ count: counts.drafts, text: `${plural(counts.drafts, 'draft')} to finish and submit`, href: href('drafts'), tone: 'due' as const }] : []),
      { count: counts.sent, text: `${plural(counts.sent, 'contact')} your agency sent, awaiting the front door’s decision`, href: href('sent'), tone: 'waiting' },
      { count: counts.shared, text: `${plural(counts.shared, 'contact')} shared with your agency in the last 7 days`, href: href('shared'), tone: 'waiting' },
    ],
    links: [
      ...(create ? [{ text: 'Record a contact', href: frontDoorPath('newContact', {}) }] : []),
      ...(user.permissions.has('contact:import') ? [{ text: 'Upload police notifications', href: frontDoorPath('upload', {}) }] : []),
      ...(user.permissions.has('person:search') ? [{ text: 'Find a person', href: peoplePath('search', {}) }] : []),
      { text: 'All your agency’s contacts', href: frontDoorPath('contacts', {}) },
    ],
  };
}

export function frontDoorHomePanels(contacts: ContactService, infoRequests: InformationRequestService): HomeContributor[] {
  return [
    {
      id: 'front-door-worklist',
      order: 10,
      needs: ['worklist:view'],
      async panel(user) {
        // The adult team's front-door work is deciding its concerns (the adult safeguarding panel): a contact about
        // an adult stays on the worklist until its concern is decided, so it would be counted twice.
        if (user.permissions.has('adult:work')) return null;
        return worklistPanel(await contacts.worklistCounts(user), user);
      },
    },
    {
      id: 'front-door-information-requests',
      order: 11,
      needs: ['info_request:answer'],
      async panel(user) {
        return informationRequestsPanel(await infoRequests.queueCounts(user), user);
      },
    },
    {
      id: 'front-door-contacts',
      order: 12,
      needs: ['contact:read'],
      async panel(user) {
        // Front-door staff's contacts are their worklist.
        if (user.permissions.has('worklist:view')) return null;
        return partnerContactsPanel(await contacts.contactListCounts(user), user);
      },
    },
  ];
}
