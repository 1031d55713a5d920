/** The home page: the panels each capability contributes, with their counts tagged by how urgent they are. */
import { type HomePanel, type HomeTone } from './panels.js';

const TAGS: Record<HomeTone, { text: string; classes: string } | null> = {
  overdue: { text: 'Overdue', classes: 'govuk-tag--red' },
  due: { text: 'Due today', classes: 'govuk-tag--yellow' },
  waiting: null,
};

export interface HomePage {
  heading: string;
  panels: (Omit<HomePanel, 'counts'> & { id: string; counts: (HomePanel['counts'][number] & { tag: { text: string; classes: string } | null })[] })[];
  nothing: string;
}

/**
 * Counts of nothing are kept when they are the panel's only news ("0 overdue" is worth knowing), but an urgent tag
 * is shown only on a count above zero. A panel with no counts, items or links says its `empty` sentence.
 */
export function presentHome(panels: readonly (HomePanel & { id: string })[]): HomePage {
  return {
    heading: 'Your work today',
    panels: panels.map((p) => {
      const { empty, ...rest } = p;
      // The panel's "nothing to do" sentence only when it has nothing to show: no counts and no items.
      const nothing = p.counts.length === 0 && !(p.items?.length ?? 0);
      return {
        ...rest,
        counts: p.counts.map((c) => ({ ...c, tag: c.count > 0 ? TAGS[c.tone] : null })),
        ...(nothing ? { empty: empty ?? 'Nothing waiting for you here.' } : {}),
      };
    }),
    nothing: 'There is nothing for you to do in Threshold today. If you expected to see work here, ask your administrator to check your role.',
  };
}
