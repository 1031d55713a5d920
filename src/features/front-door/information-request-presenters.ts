/** Words and tags for information requests: the deadline in plain terms, never colour alone. */
import { asDate } from '../../db/client.js';
import { formatDateTime } from '../../platform/views.js';
import { type RequestRow } from './information-request-repository.js';

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
