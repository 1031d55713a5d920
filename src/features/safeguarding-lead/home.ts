/**
 * The lead's home panel (features/home/panels.ts): transfers of the lead for a person's safeguarding work that wait
 * for the user's agency to accept or decline. The count is SafeguardingLeadService.waitingCount, the total of the
 * list it opens (/transitions?show=waiting). No panel when nothing waits: the transitions list is in the navigation.
 */
import { type HomeContributor, type HomePanel, plural } from '../home/panels.js';
import { leadPath } from './paths.js';
import { type SafeguardingLeadService } from './service.js';

export function leadTransfersPanel(waiting: number): HomePanel | null {
  if (waiting === 0) return null;
  return {
    title: 'Lead and transitions',
    counts: [{ count: waiting, text: `${plural(waiting, 'transfer')} of the lead waiting for your agency’s answer`, href: leadPath('transitions', {}, { show: 'waiting' }), tone: 'waiting' }],
    links: [{ text: 'Lead and transitions', href: leadPath('transitions', {}) }],
  };
}

export function safeguardingLeadHomePanels(leads: SafeguardingLeadService): HomeContributor[] {
  return [
    {
      id: 'lead-transfers',
      order: 15,
      needs: ['lead:transfer'],
      async panel(user) {
        return leadTransfersPanel(await leads.waitingCount(user));
      },
    },
  ];
}
