/**
 * Children missing education's home panels (features/home/panels.ts): the CME service's referrals past their 20
 * school days or due today and the home education checks overdue or due (cme:work), and a school's own referrals
 * (cme:refer). Every count is the figure of the list it opens, from the same query (CmeService.counts, agencyCounts).
 */
import { type HomeContributor, type HomePanel, plural } from '../home/panels.js';
import { cmePath } from './paths.js';
import { type CmeService } from './service.js';

type Counts = Awaited<ReturnType<CmeService['counts']>>;

/** The CME service's work: joint enquiries overdue and due today, open referrals, then the home education checks. */
export function cmePanel(c: Counts): HomePanel {
  return {
    title: 'Children missing education',
    counts: [
      { count: c.overdue, text: `${plural(c.overdue, 'referral')} past the 20 school days for joint enquiries`, href: cmePath('worklist', {}, { due: 'overdue' }), tone: 'overdue' },
      { count: c.due_today, text: `${plural(c.due_today, 'referral')} reaching the 20 school days today`, href: cmePath('worklist', {}, { due: 'today' }), tone: 'due' },
      { count: c.open, text: `open ${plural(c.open, 'referral')}`, href: cmePath('worklist', {}), tone: 'waiting' },
      { count: c.ehe.overdue, text: `home education ${plural(c.ehe.overdue, 'check')} overdue or never made`, href: cmePath('register', {}, { show: 'overdue' }), tone: 'overdue' },
      { count: c.ehe.due, text: `home education ${plural(c.ehe.due, 'check')} due in the next month (with the overdue)`, href: cmePath('register', {}, { show: 'due' }), tone: 'waiting' },
    ],
    links: [
      { text: 'Record a referral', href: cmePath('record', {}) },
      { text: 'Elective home education register', href: cmePath('register', {}) },
    ],
  };
}

/** A school's own referrals: those still open, and the way to make one. */
export function schoolPanel(c: { open: number; all: number }): HomePanel {
  return {
    title: 'Your children missing education referrals',
    counts: [{ count: c.open, text: `open ${plural(c.open, 'referral')} from your school`, href: cmePath('ours', {}, { show: 'open' }), tone: 'waiting' }],
    links: [
      { text: 'Refer a child missing education', href: cmePath('refer', {}) },
      ...(c.all > c.open ? [{ text: 'All your school’s referrals', href: cmePath('ours', {}) }] : []),
    ],
  };
}

export function cmeHomePanels(cme: CmeService): HomeContributor[] {
  return [
    { id: 'cme-work', order: 38, needs: ['cme:work'], panel: async (user) => cmePanel(await cme.counts(user)) },
    { id: 'cme-school', order: 39, needs: ['cme:refer'], panel: async (user) => schoolPanel(await cme.agencyCounts(user)) },
  ];
}
