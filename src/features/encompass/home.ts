/**
 * Operation Encompass's home panels (features/home/panels.ts): a key adult's notifications (not acknowledged, overdue,
 * received today, received late); the MASH monitor's two queues; and, for whoever chooses key adults, the settings
 * that have none. Every count is the total of the list it links to (the lists' own queries).
 */
import { type HomeContributor, type HomeCount, type HomePanel, plural } from '../home/panels.js';
import { type KeyAdultShow } from './repository.js';
import { encompassPath } from './paths.js';
import { type EncompassService } from './service.js';

const noticeList = (show: KeyAdultShow) => encompassPath('notices', {}, { show });

/** A key adult's panel; null for someone who has never been sent a notification (they are no setting's key adult). */
export function keyAdultPanel(counts: Record<KeyAdultShow, number>): HomePanel | null {
  if (counts.all === 0) return null;
  return {
    title: 'Operation Encompass',
    counts: [
      { count: counts.overdue, text: `${plural(counts.overdue, 'notification')} not acknowledged by the start of the school day`, href: noticeList('overdue'), tone: 'overdue' },
      { count: counts.unacknowledged, text: `${plural(counts.unacknowledged, 'notification')} not yet acknowledged`, href: noticeList('unacknowledged'), tone: 'due' },
      { count: counts.today, text: `${plural(counts.today, 'notification')} received today`, href: noticeList('today'), tone: 'waiting' },
      ...(counts.late > 0 ? [{ count: counts.late, text: `${plural(counts.late, 'notification')} received after the start of the school day`, href: noticeList('late'), tone: 'waiting' as const }] : []),
    ],
    links: [{ text: 'All your notifications', href: encompassPath('notices', {}) }],
  };
}

export function monitorPanel(q: { needsSetting: number; needsSettingOverdue: number; noKeyAdult: number; noKeyAdultOverdue: number }): HomePanel {
  const counts: HomeCount[] = [
    { count: q.needsSetting, text: `${plural(q.needsSetting, 'notification')} waiting for a school or setting${q.needsSettingOverdue ? ` (${q.needsSettingOverdue} past the start of the school day)` : ''}`, href: encompassPath('monitor', {}), tone: q.needsSettingOverdue ? 'overdue' : 'waiting' },
    { count: q.noKeyAdult, text: `${plural(q.noKeyAdult, 'notification')} waiting for a setting to choose a key adult`, href: encompassPath('monitor', {}, { show: 'no-key-adult' }), tone: q.noKeyAdultOverdue ? 'overdue' : 'waiting' },
  ];
  return { title: 'Operation Encompass monitor', counts, links: [{ text: 'Late and missed notifications', href: encompassPath('monitor', {}, { show: 'report' }) }] };
}

export function encompassHomePanels(encompass: EncompassService): HomeContributor[] {
  return [
    {
      id: 'encompass-receive',
      order: 24,
      needs: ['encompass:receive'],
      async panel(user) {
        return keyAdultPanel(await encompass.keyAdultCounts(user));
      },
    },
    {
      id: 'encompass-monitor',
      order: 25,
      needs: ['encompass:monitor'],
      async panel(user) {
        return monitorPanel(await encompass.monitorCounts(user.tenantId));
      },
    },
    {
      id: 'encompass-key-adults',
      order: 92,
      needs: ['encompass:key_adults'],
      async panel(user) {
        const k = await encompass.keyAdultHome(user.tenantId, user.permissions.has('admin:manage') ? null : user.agencyId);
        return keyAdultsPanel(k);
      },
    },
  ];
}

export type KeyAdultHome = Awaited<ReturnType<EncompassService['keyAdultHome']>>;

/**
 * Key adults: a system administrator's count of schools with none (a link to that list); a school administrator's
 * own setting: its key adults, and the notifications kept because it has none.
 */
export function keyAdultsPanel(k: KeyAdultHome): HomePanel {
  if (k.kind === 'area') {
    return {
      title: 'Operation Encompass key adults',
      counts: [{ count: k.schoolsWithout, text: `${plural(k.schoolsWithout, 'school')} with no key adult to receive notifications`, href: encompassPath('keyAdults', {}, { show: 'none' }), tone: k.schoolsWithout ? 'due' : 'waiting' }],
      links: [
        { text: 'Key adults of every school and setting', href: encompassPath('keyAdults', {}) },
        { text: 'The authority’s school day and term dates', href: encompassPath('calendar', { agencyId: 'default' }) },
      ],
    };
  }
  const href = encompassPath('agencyKeyAdults', { agencyId: k.agencyId });
  return {
    title: 'Operation Encompass key adults',
    counts: [],
    items: [
      k.keyAdults === 0
        ? { text: `${k.name} has no key adult: choose one`, href, detail: k.waiting ? `${k.waiting} ${plural(k.waiting, 'notification')} about your pupils waiting to be sent` : 'Notifications about your pupils cannot be sent until you do', overdue: true }
        : { text: `${k.name}: ${k.keyAdults} ${plural(k.keyAdults, 'key adult')}`, href, detail: 'They receive notifications about your pupils before the next school day' },
    ],
    links: [{ text: 'School day and term dates', href: encompassPath('calendar', { agencyId: k.agencyId }) }],
  };
}
