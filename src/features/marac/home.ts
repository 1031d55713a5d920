/**
 * MARAC's home panels (features/home/panels.ts). The coordinator's: new referrals to check, the next meetings with the
 * research still to come, meetings whose attendance was never recorded, open and overdue actions. An invited
 * agency's: the research it owes the next meetings and its own open and overdue actions. Every count is the total of
 * the list it links to (MaracService.home uses the lists' own filters).
 */
import { type HomeContributor, type HomeCount, type HomeItem, type HomePanel, plural } from '../home/panels.js';
import { formatDate, formatDateTime } from '../../platform/views.js';
import { addDays } from '../../domain/time.js';
import { maracPath } from './paths.js';
import { type MaracService, type MaracViewer } from './service.js';

export type MaracHome = Awaited<ReturnType<MaracService['home']>>;

function actionCounts(h: MaracHome, whose: string): HomeCount[] {
  return [
    { count: h.overdue, text: `${whose} ${plural(h.overdue, 'action')} past the due date`, href: maracPath('actions', {}, { due: 'overdue' }), tone: 'overdue' },
    { count: h.open, text: `open ${whose} ${plural(h.open, 'action')}`, href: maracPath('actions', {}), tone: 'waiting' },
  ];
}

/** The coordinator's panel: what to check, the next meetings, the actions to chase. */
export function coordinatorPanel(h: MaracHome): HomePanel {
  const items: HomeItem[] = [
    ...h.unrecorded.map((m) => ({
      text: `Record who was present at the MARAC on ${formatDate(m.meeting_on)}`,
      href: maracPath('attendance', { id: m.id }),
      detail: `${m.cases} ${plural(m.cases, 'case')} on the agenda`,
      overdue: true,
    })),
    ...h.upcoming.map((m) => ({
      text: `MARAC on ${formatDateTime(m.meeting_at)}`,
      href: maracPath('meeting', { id: m.id }),
      detail: `${m.location}. ${m.cases} ${plural(m.cases, 'case')} on the agenda; research: ${m.research.returned} of ${m.research.expected} returned`,
    })),
  ];
  return {
    title: 'MARAC',
    counts: [
      { count: h.newReferrals ?? 0, text: `new ${plural(h.newReferrals ?? 0, 'referral')} to check and list for a meeting`, href: maracPath('referrals', {}, { status: 'referred' }), tone: 'waiting' },
      ...actionCounts(h, 'MARAC'),
    ],
    items,
    itemsTitle: 'Meetings',
    links: [
      { text: 'Schedule a meeting', href: maracPath('newMeeting', {}) },
      { text: 'All meetings', href: maracPath('meetings', {}) },
    ],
    ...(items.length ? {} : { empty: 'No MARAC meetings are scheduled.' }),
  };
}

/** An invited agency's panel: research owed to the next meetings, its own actions. Null when MARAC asks nothing of it. */
export function researchPanel(h: MaracHome): HomePanel | null {
  const owed = h.upcoming.filter((m) => m.my_research_due > 0);
  const counts: HomeCount[] = [
    ...owed.map((m) => ({
      count: m.my_research_due,
      text: `${plural(m.my_research_due, 'case')} to research for the MARAC on ${formatDate(m.meeting_on)}`,
      href: maracPath('agenda', { id: m.id }, { research: 'ours' }),
      // due when the meeting is today or tomorrow; research for a meeting further off is waiting
      tone: m.meeting_on <= addDays(h.today, 1) ? ('due' as const) : ('waiting' as const),
    })),
    ...actionCounts(h, 'MARAC').filter((c) => c.count > 0),
  ];
  const items: HomeItem[] = h.upcoming.map((m) => ({ text: `MARAC on ${formatDateTime(m.meeting_at)}`, href: maracPath('meeting', { id: m.id }), detail: m.location }));
  if (counts.length === 0 && items.length === 0) return null;
  return { title: 'MARAC', counts, items, itemsTitle: 'Meetings your agency is invited to', links: [{ text: 'MARAC', href: maracPath('overview', {}) }] };
}

export function maracHomePanels(marac: MaracService): HomeContributor[] {
  const viewer = (user: Parameters<HomeContributor['panel']>[0]): MaracViewer => ({
    roles: user.roles,
    requestId: null,
    userId: user.userId,
    tenantId: user.tenantId,
    agencyId: user.agencyId,
    agencyType: user.agencyType,
    permissions: user.permissions,
    canCoordinate: user.permissions.has('marac:coordinate'),
  });
  return [
    {
      id: 'marac-coordinate',
      order: 21,
      needs: ['marac:coordinate'],
      async panel(user) {
        return coordinatorPanel(await marac.home(viewer(user)));
      },
    },
    {
      id: 'marac-research',
      order: 22,
      needs: ['marac:research'],
      async panel(user) {
        if (user.permissions.has('marac:coordinate')) return null;
        const h = await marac.home(viewer(user));
        return h.coordinating ? coordinatorPanel(h) : researchPanel(h);
      },
    },
  ];
}
