/** Words and tags for information requests: the deadline in plain terms, never colour alone. */
import { asDate } from '../../db/client.js';
import { formatDateTime } from '../../platform/views.js';
import { QUEUE_FILTERS, type QueueFilter, type RequestRow } from './information-request-repository.js';
import { frontDoorPath } from './paths.js';

export function requestDeadline(r: Pick<RequestRow, 'status' | 'due_at' | 'answered_at'>, now: Date): { text: string; classes: string } {
  const due = asDate(r.due_at);
  if (r.status === 'answered') {
    const late = asDate(r.answered_at!).getTime() > due.getTime();
    return late ? { text: 'Answered late', classes: 'govuk-tag--orange' } : { text: 'Answered in time', classes: 'govuk-tag--green' };
  }
  if (r.status === 'withdrawn') return { text: 'Withdrawn', classes: 'govuk-tag--grey' };
  if (due.getTime() < now.getTime()) return { text: `Overdue: was due ${formatDateTime(due)}`, classes: 'govuk-tag--red' };
  return { text: `Due ${formatDateTime(due)}`, classes: 'govuk-tag--blue' };
}

/** The queue's filter from its query string (`show`); anything not offered is every open request. */
export function queueChoice(q: Record<string, unknown>): QueueFilter {
  return typeof q.show === 'string' && (QUEUE_FILTERS as readonly string[]).includes(q.show) ? (q.show as QueueFilter) : 'open';
}

const QUEUE_TABS: { show: QueueFilter; text: string; caption: string }[] = [
  { show: 'open', text: 'Waiting for an answer', caption: 'Requests waiting for an answer, earliest deadline first' },
  { show: 'overdue', text: 'Overdue', caption: 'Requests past their deadline, earliest first' },
  { show: 'today', text: 'Due today', caption: 'Requests due by the end of today' },
  { show: 'escalated', text: 'Escalated', caption: 'Overdue requests escalated to your agency’s managers' },
  { show: 'answered', text: 'Answered', caption: 'Answered requests, most recent first' },
];

/** The queue's tabs with their counts (the escalated tab only when there is something escalated or it is chosen). */
export function presentQueue(counts: Record<QueueFilter, number>, show: QueueFilter) {
  const tab = QUEUE_TABS.find((t) => t.show === show)!;
  return {
    show,
    answered: show === 'answered',
    caption: tab.caption,
    tabs: QUEUE_TABS.filter((t) => t.show !== 'escalated' || counts.escalated > 0 || show === 'escalated').map((t) => ({
      text: t.show === 'answered' ? t.text : `${t.text} (${counts[t.show]})`,
      href: frontDoorPath('informationRequests', {}, { show: t.show === 'open' ? null : t.show }),
      active: t.show === show,
    })),
  };
}
