/**
 * The measures' home panel (features/home/panels.ts), for whoever keeps the scorecard (the board analyst): measures
 * with no figure for their period (data missing) and measures off target, each the scorecard filtered by the same
 * predicate (presenters scorecardShow); the statutory returns and the Children in Need census to prepare.
 */
import { type HomeContributor, type HomePanel, plural } from '../home/panels.js';
import { type MeasureService, type ScorecardItem } from './service.js';
import { measuresPath } from './paths.js';
import { scorecardShow } from './presenters.js';

export function measuresPanel(items: readonly ScorecardItem[], census: boolean): HomePanel {
  const none = scorecardShow(items, 'none').length;
  const red = scorecardShow(items, 'red').length;
  return {
    title: 'Measures and returns',
    counts: [
      { count: none, text: `scorecard ${plural(none, 'measure')} with no figure for the period: data missing`, href: measuresPath('scorecard', {}, { show: 'none' }), tone: 'due' },
      { count: red, text: `scorecard ${plural(red, 'measure')} off target`, href: measuresPath('scorecard', {}, { show: 'red' }), tone: 'waiting' },
    ],
    links: [
      { text: 'Statutory returns: the Safeguarding Adults Collection and DoLS counts', href: measuresPath('returns', {}) },
      ...(census ? [{ text: 'The Children in Need census and its validation report', href: `${measuresPath('returns', {})}#cin-census` }] : []),
      { text: 'Board report', href: measuresPath('report', {}) },
    ],
  };
}

export function measuresHomePanels(measures: MeasureService): HomeContributor[] {
  return [
    {
      id: 'measures',
      order: 76,
      needs: ['measures:manage'],
      async panel(user) {
        return measuresPanel(await measures.scorecard(user.tenantId, measures.today()), user.permissions.has('census:export'));
      },
    },
  ];
}
