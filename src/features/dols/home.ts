/**
 * Deprivation of Liberty Safeguards home panels (features/home/panels.ts): the DoLS lead's applications to screen and
 * allocate, urgent authorisations ending, applications past their due date and authorisations to review; a best
 * interests assessor's applications allocated to them. Every count is a list's own figure (the same conditions as
 * the list: repository listWhere / assessorWhere), and links to that list.
 */
import { type HomeContributor, type HomePanel, plural } from '../home/panels.js';
import { type AssessorShow, type Counts } from './repository.js';
import { type DolsService } from './service.js';
import { dolsPath } from './paths.js';

const list = (show: string) => dolsPath('overview', {}, { show });

/** The DoLS lead's panel: past due and urgent first, then what waits to be screened and allocated, then reviews. */
export function dolsLeadPanel(c: Counts): HomePanel {
  return {
    title: 'Deprivation of Liberty Safeguards',
    counts: [
      { count: c.overdue, text: `open ${plural(c.overdue, 'application')} past the date the decision was due`, href: list('overdue'), tone: 'overdue' },
      { count: c.urgent_expiring, text: `urgent ${plural(c.urgent_expiring, 'authorisation')} ending within 2 days without a decision`, href: list('urgent_expiring'), tone: 'due' },
      { count: c.unallocated, text: `${plural(c.unallocated, 'application')} to screen and allocate to an assessor`, href: list('unallocated'), tone: 'waiting' },
      { count: c.allocated, text: `${plural(c.allocated, 'application')} with assessors`, href: list('allocated'), tone: 'waiting' },
      { count: c.expiring, text: `${plural(c.expiring, 'authorisation')} ending within 28 days: reviews to arrange`, href: list('expiring'), tone: 'waiting' },
    ],
    links: [
      { text: 'DoLS applications', href: dolsPath('overview', {}) },
      { text: 'Record an application', href: dolsPath('newApplication', {}) },
    ],
  };
}

/** A best interests assessor's panel: their open applications, those past their due date first. */
export function assessorPanel(c: Record<AssessorShow, number>): HomePanel {
  return {
    title: 'DoLS assessments',
    counts: [
      { count: c.overdue, text: `${plural(c.overdue, 'application')} allocated to you past the date the decision was due`, href: dolsPath('overview', {}, { show: 'overdue' }), tone: 'overdue' },
      { count: c.open, text: `${plural(c.open, 'application')} allocated to you to assess`, href: dolsPath('overview', {}, { show: 'open' }), tone: 'waiting' },
    ],
    links: [{ text: 'All applications allocated to you', href: dolsPath('overview', {}) }],
  };
}

export function dolsHomePanels(dols: DolsService): HomeContributor[] {
  return [
    {
      id: 'dols',
      order: 44,
      needs: ['dols:assess', 'dols:manage'],
      async panel(user) {
        // The DoLS lead's page is the lead's lists (they may assess too); an assessor's is their own.
        if (user.permissions.has('dols:manage')) return dolsLeadPanel(await dols.counts(user.tenantId));
        return assessorPanel(await dols.assessorCounts(user));
      },
    },
  ];
}
