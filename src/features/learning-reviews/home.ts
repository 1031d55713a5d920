/**
 * Learning reviews' home panel (features/home/panels.ts), for the business unit: the reviews whose next clock is
 * overdue or due in the next 5 working days, overdue first. Items, not counts: each opens its review.
 */
import { type HomeContributor, type HomePanel } from '../home/panels.js';
import { type LearningReviewService } from './service.js';
import { homePanel } from './presenters.js';

export function reviewsPanel(p: ReturnType<typeof homePanel>): HomePanel {
  return {
    title: 'Learning reviews',
    counts: [],
    items: p.rows.map((r) => ({ text: r.text, href: r.href, ...(r.due ? { when: r.due.text, overdue: r.due.classes.includes('red') } : {}) })),
    itemsTitle: 'Clocks overdue or due in the next 5 working days',
    links: [{ text: p.total > p.rows.length ? `All ${p.total} reviews needing attention, and the other learning reviews` : 'All learning reviews', href: p.list }],
    empty: 'No review’s clock is overdue or due in the next 5 working days.',
  };
}

export function learningReviewHomePanels(reviews: LearningReviewService): HomeContributor[] {
  return [
    {
      id: 'learning-reviews',
      order: 64,
      needs: ['reviews:manage'],
      async panel(user) {
        return reviewsPanel(homePanel(await reviews.attention(user)));
      },
    },
  ];
}
