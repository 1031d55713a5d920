/**
 * The boards' home panel (features/home/panels.ts): the next meetings of the user's groups (every group's, for the
 * business unit) and the risk log's entries due for review, overdue first. Items, not counts: each opens its page.
 */
import { type HomeContributor, type HomePanel } from '../home/panels.js';
import { type BoardService } from './service.js';
import { boardPath } from './paths.js';
import { homePanel } from './presenters.js';

export function boardsPanel(p: ReturnType<typeof homePanel>, runsPartnership: boolean): HomePanel | null {
  const items = [
    ...p.meetings.slice(0, 3).map((m) => ({ text: m.text, href: m.href, when: m.when, ...(m.location ? { detail: m.location } : {}) })),
    ...p.risks.map((r) => ({ text: `Risk ${r.text}`, href: r.href, detail: r.board, when: r.review.text, overdue: r.review.overdue })),
  ];
  if (items.length === 0 && !runsPartnership) return null;
  return {
    title: 'Board meetings and risks',
    counts: [],
    items,
    itemsTitle: 'Next meetings, and risks due for review',
    links: [
      { text: 'Boards and groups', href: p.boardsHref },
      { text: 'Issues and risk log', href: p.risksHref },
    ],
    empty: 'No meetings of your groups are scheduled, and no risks are due for review.',
  };
}

export function boardHomePanels(boards: BoardService): HomeContributor[] {
  return [
    {
      id: 'boards',
      order: 60,
      needs: ['partnership:view', 'partnership:manage'],
      async panel(user) {
        const manage = user.permissions.has('partnership:manage');
        const data = await boards.homePanel(user, manage);
        return boardsPanel(homePanel(data, { boardsHref: boardPath('boards', {}), risksHref: boardPath('risks', {}) }), manage);
      },
    },
  ];
}
