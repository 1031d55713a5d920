/**
 * DASH checklist versions as data. Filled in by the checklist data work: SafeLives partner-agency (24),
 * police (27) and young people's (13–17) versions, each with its source and thresholds.
 */
import { type DashChecklist } from './dash.js';

export const DASH_CHECKLISTS: readonly DashChecklist[] = [];
