/** View data for late notifications: the lines on a contact's page and the counts on the timeliness page (pure). */
import { LAG_RISK_LABELS, type LagRiskLevel, lagWords } from '../../domain/incidents.js';
import { formatDateTime } from '../../platform/views.js';
import { type LateRow } from './late-notifications-repository.js';

/** "Received 21 days after the incident: late (high risk notifications are expected within 24 hours)." */
export function lateWords(l: Pick<LateRow, 'lag_minutes' | 'allowed_hours' | 'risk_level'>): string {
  const level: LagRiskLevel = l.risk_level;
  const expected = level === 'not_graded' ? 'notifications without a risk grading are' : `${LAG_RISK_LABELS[level].toLowerCase()} notifications are`;
  return `Received ${lagWords(l.lag_minutes / 60)} after the incident: late (${expected} expected within ${l.allowed_hours} hours).`;
}

/** The late-notification lines of a contact's page: its own, and its updates'. */
export function latePanel(rows: readonly LateRow[]) {
  const own = rows.find((r) => !r.update_id);
  const updates = rows.filter((r) => r.update_id);
  if (!own && updates.length === 0) return null;
  return {
    own: own ? { text: lateWords(own), tag: { text: 'Late', classes: 'govuk-tag--orange' } } : null,
    updates: updates.map((u) => ({ text: `A later notification (received ${formatDateTime(u.received_at)}): ${lateWords(u).replace(/^Received/, 'received')}` })),
  };
}

/** A figure on the timeliness page: numbers from 1 to 5 hidden ("c") for those who may not see the records. */
export function suppressed(n: number, seesRecords: boolean): string {
  if (!seesRecords && n >= 1 && n <= 5) return 'c';
  return n.toLocaleString('en-GB');
}

/** The late-notification counts for the timeliness page: per risk grading and in all. */
export function lateCountsView(counts: readonly { riskLevel: LagRiskLevel; label: string; received: number; late: number }[], seesRecords: boolean) {
  const received = counts.reduce((a, c) => a + c.received, 0);
  const late = counts.reduce((a, c) => a + c.late, 0);
  const share = (l: number, r: number) => (r === 0 || (!seesRecords && l >= 1 && l <= 5) ? '' : ` (${((100 * l) / r).toFixed(1)}%)`);
  return {
    total: { late: suppressed(late, seesRecords), received: suppressed(received, seesRecords), share: share(late, received) },
    rows: counts.map((c) => [{ text: c.label }, { text: suppressed(c.late, seesRecords), format: 'numeric' }, { text: suppressed(c.received, seesRecords), format: 'numeric' }, { text: share(c.late, c.received).replace(/[()\s]/g, '') || '–', format: 'numeric' }]),
  };
}
