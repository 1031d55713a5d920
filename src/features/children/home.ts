/**
 * Children's social care's home panels (features/home/panels.ts): a social worker's cases with what is overdue or
 * due on them, a team manager's authorisations and unallocated cases, a conference chair's next conferences, and a
 * partner agency's conference reports. Every count is the figure of the list it links to, from the same query
 * (ChildrenService.dueCounts, counts, diaryCounts, reportCounts).
 */
import { type HomeContributor, type HomeCount, type HomeItem, type HomePanel, plural } from '../home/panels.js';
import { CONFERENCE_KINDS } from '../../domain/children.js';
import { labelOf } from '../../domain/codes.js';
import { formatDateTime } from '../../platform/views.js';
import { childrenPath, conferencePath } from './paths.js';
import { caseDueTone, caseDueWords } from './presenters.js';
import { CASE_DUES, type CaseDue, type ConferenceRow, type DiaryCounts, type ReportQueueRow, type ReportShow } from './repository.js';
import { type ChildrenService } from './service.js';

type Dues = Record<CaseDue, number>;

/** What is due on a list of cases, each a count that opens that list filtered to it; nothing said of what is not due. */
function dueCounts(dues: Dues, view: 'mine' | 'open'): HomeCount[] {
  return CASE_DUES.filter((d) => dues[d] > 0).map((d) => ({ count: dues[d], text: caseDueWords(d, dues[d]), href: childrenPath('cases', {}, { view, due: d }), tone: caseDueTone(d) }));
}

/** A social worker's cases: what is overdue or due on them first, then how many they hold. */
export function casesPanel(mine: number, dues: Dues): HomePanel {
  const due = dueCounts(dues, 'mine');
  return {
    title: 'Your children’s cases',
    counts: [...due, { count: mine, text: `${plural(mine, 'case')} allocated to you`, href: childrenPath('cases', {}, { view: 'mine' }), tone: 'waiting' }],
    ...(mine > 0 && due.length === 0 ? { empty: 'Nothing is overdue or due in the next 5 working days on your cases.' } : {}),
    links: [{ text: 'Your cases', href: childrenPath('cases', {}, { view: 'mine' }) }],
  };
}

/** A team manager's decisions: assessments to authorise, cases to allocate, and what is overdue across the team. */
export function teamPanel(counts: Record<string, number>, dues: Dues): HomePanel {
  const toAuthorise = counts.to_authorise ?? 0;
  const unallocated = counts.unallocated ?? 0;
  return {
    title: 'Your team’s children’s cases',
    counts: [
      { count: toAuthorise, text: `${plural(toAuthorise, 'assessment')} waiting for your authorisation`, href: childrenPath('cases', {}, { view: 'to_authorise' }), tone: 'waiting' },
      { count: unallocated, text: `${plural(unallocated, 'case')} not allocated to a social worker`, href: childrenPath('cases', {}, { view: 'unallocated' }), tone: 'waiting' },
      ...dueCounts(dues, 'open').filter((c) => c.tone === 'overdue'),
    ],
    links: [{ text: 'All open cases', href: childrenPath('cases', {}, { view: 'open' }) }],
  };
}

/** The chair's next conferences as items: the child, the conference and its date and time (red when past the date it was due by). */
export function conferenceItems(next: readonly Pick<ConferenceRow, 'id' | 'child_name' | 'kind' | 'scheduled_at' | 'due_at'>[], now: Date): HomeItem[] {
  return next.map((k) => {
    const late = new Date(k.due_at).getTime() < now.getTime();
    return {
      text: k.child_name,
      href: conferencePath(k.id),
      detail: labelOf(CONFERENCE_KINDS, k.kind).toLowerCase(),
      // Late in words too, never by colour alone.
      when: late ? `${formatDateTime(k.scheduled_at)}, after the date it was due by` : formatDateTime(k.scheduled_at),
      overdue: late,
    };
  });
}

/** A conference chair's diary: their conferences, those past the date they were due by, and the next ones. */
export function chairPanel(counts: DiaryCounts, next: HomeItem[]): HomePanel {
  return {
    title: 'Child protection conferences',
    counts: [
      ...(counts.mine_overdue > 0 ? [{ count: counts.mine_overdue, text: `of your ${plural(counts.mine_overdue, 'conference')} past the date ${counts.mine_overdue === 1 ? 'it was' : 'they were'} due by`, href: childrenPath('diary', {}, { due: 'overdue' }), tone: 'overdue' as const }] : []),
      { count: counts.mine, text: `${plural(counts.mine, 'conference')} for you to chair`, href: childrenPath('diary', {}), tone: 'waiting' },
    ],
    items: next,
    itemsTitle: next.length === 1 ? 'Your next conference' : 'Your next conferences',
    ...(counts.mine === 0 ? { empty: 'No conferences in your diary.' } : {}),
    links: [{ text: 'All scheduled conferences', href: childrenPath('diary', {}, { show: 'all' }) }],
  };
}

/** Items for the reports an agency must write next: the child, the conference, the date the report is due. */
export function reportItems(rows: readonly Pick<ReportQueueRow, 'id' | 'child_name' | 'kind' | 'report_due_at'>[], now: Date): HomeItem[] {
  return rows.map((r) => ({
    text: r.child_name,
    href: childrenPath('report', { id: r.id }),
    detail: labelOf(CONFERENCE_KINDS, r.kind).toLowerCase(),
    when: new Date(r.report_due_at).getTime() < now.getTime() ? `report overdue, was due ${formatDateTime(r.report_due_at)}` : `report due ${formatDateTime(r.report_due_at)}`,
    overdue: new Date(r.report_due_at).getTime() < now.getTime(),
  }));
}

/** A partner agency's reports for conferences: none to write, no panel. */
export function reportsPanel(counts: Record<ReportShow, number>, next: HomeItem[]): HomePanel | null {
  if (counts.due === 0) return null;
  return {
    title: 'Reports for child protection conferences',
    counts: [
      ...(counts.overdue > 0 ? [{ count: counts.overdue, text: `${plural(counts.overdue, 'report')} past the date ${counts.overdue === 1 ? 'it was' : 'they were'} due`, href: childrenPath('reports', {}, { show: 'overdue' }), tone: 'overdue' as const }] : []),
      { count: counts.due, text: `${plural(counts.due, 'report')} for your agency to write`, href: childrenPath('reports', {}), tone: 'waiting' },
    ],
    items: next,
    itemsTitle: 'Due next',
  };
}

export function childrenHomePanels(children: ChildrenService): HomeContributor[] {
  return [
    {
      id: 'children-cases',
      order: 30,
      needs: ['csc:work'],
      async panel(user) {
        const [counts, dues] = await Promise.all([children.counts(user), children.dueCounts(user, 'mine')]);
        const mine = counts.mine ?? 0;
        // A manager or a chair holds cases only now and then: their panel is their own work, not an empty caseload.
        if (mine === 0 && (user.permissions.has('csc:authorise') || user.permissions.has('conference:chair'))) return null;
        return casesPanel(mine, dues);
      },
    },
    {
      id: 'children-team',
      order: 31,
      needs: ['csc:authorise'],
      async panel(user) {
        const [counts, dues] = await Promise.all([children.counts(user), children.dueCounts(user, 'open')]);
        return teamPanel(counts, dues);
      },
    },
    {
      id: 'children-conferences',
      order: 32,
      needs: ['conference:chair'],
      async panel(user) {
        const [counts, next] = await Promise.all([children.diaryCounts(user), children.nextConferences(user, 3)]);
        return chairPanel(counts, conferenceItems(next, children.now()));
      },
    },
    {
      id: 'children-reports',
      order: 35,
      needs: ['conference:report'],
      async panel(user) {
        const [counts, next] = await Promise.all([children.reportCounts(user), children.reports(user, 'due', 1, 3)]);
        return reportsPanel(counts, reportItems(next.items, next.now));
      },
    },
  ];
}
