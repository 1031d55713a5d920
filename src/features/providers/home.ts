/**
 * Care providers' home panel (features/home/panels.ts), for whoever monitors providers (the contract compliance
 * officer, the adult safeguarding manager): providers under an enquiry or with an open high-risk contract concern
 * first. Every count is the provider list's total for that filter (ProviderService.showCounts), and links to it.
 */
import { type HomeContributor, type HomePanel, plural } from '../home/panels.js';
import { type ProviderShow, type ProviderService } from './service.js';
import { providerPath } from './paths.js';

export function providersPanel(c: Record<ProviderShow, number>): HomePanel {
  const show = (s: ProviderShow) => providerPath('list', {}, { show: s });
  return {
    title: 'Care providers',
    counts: [
      { count: c.enquiry, text: `${plural(c.enquiry, 'provider')} under an open provider enquiry`, href: show('enquiry'), tone: 'due' },
      { count: c.high, text: `${plural(c.high, 'provider')} with an open high-risk contract concern`, href: show('high'), tone: 'due' },
      { count: c.concern, text: `${plural(c.concern, 'provider')} with an open contract concern`, href: show('concern'), tone: 'waiting' },
    ],
    links: [{ text: 'All care providers', href: providerPath('list', {}) }],
  };
}

export function providerHomePanels(providers: ProviderService): HomeContributor[] {
  return [
    {
      id: 'providers',
      order: 46,
      needs: ['providers:monitor'],
      async panel(user) {
        return providersPanel(await providers.showCounts(user.tenantId));
      },
    },
  ];
}
