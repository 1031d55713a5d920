/**
 * The LADO's home panels (features/home/panels.ts): the designated officer's decisions overdue and to make, the
 * allegations in the process and those open over 3 months without a reason (lado:work), and an employer's
 * allegations still open (lado:employer). Every count is a tab's figure of the list it opens, from the same query
 * (LadoService.homeCounts, employerCounts).
 */
import { type HomeContributor, type HomePanel, plural } from '../home/panels.js';
import { ladoPath } from './paths.js';
import { type LadoService, type WorklistShow } from './service.js';

/** The designated officer's work: late decisions first, then the decisions to make, the open cases and the long ones. */
export function ladoPanel(c: Record<WorklistShow, number>, months: number): HomePanel {
  const href = (show: WorklistShow) => ladoPath('worklist', {}, { show });
  return {
    title: 'Allegations against people who work with children',
    counts: [
      { count: c.late, text: `${plural(c.late, 'threshold decision')} past the 1 working day`, href: href('late'), tone: 'overdue' },
      { count: c.decide, text: `${plural(c.decide, 'allegation')} to decide`, href: href('decide'), tone: 'waiting' },
      { count: c.no_reason, text: `open over ${months} months without a reason recorded`, href: href('no_reason'), tone: 'overdue' },
      { count: c.open, text: `in the LADO process`, href: href('open'), tone: 'waiting' },
    ],
    links: [{ text: 'The LADO worklist', href: ladoPath('worklist', {}) }],
  };
}

/** An employer's allegations still open with the LADO; none open, no panel. */
export function employerPanel(c: { all: number; open: number }): HomePanel | null {
  if (c.open === 0) return null;
  return {
    title: 'Allegations about your staff',
    counts: [{ count: c.open, text: `${plural(c.open, 'allegation')} still open with the LADO`, href: ladoPath('employer', {}, { show: 'open' }), tone: 'waiting' }],
  };
}

export function ladoHomePanels(lado: LadoService): HomeContributor[] {
  return [
    {
      id: 'lado-work',
      order: 39.5,
      needs: ['lado:work'],
      async panel(user) {
        const { counts, months } = await lado.homeCounts(user);
        return ladoPanel(counts, months);
      },
    },
    { id: 'lado-employer', order: 39.6, needs: ['lado:employer'], panel: async (user) => employerPanel(await lado.employerCounts(user)) },
  ];
}
