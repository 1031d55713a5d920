/**
 * The public site's home panel (features/home/panels.ts), for the business unit: "Find help" entries out of date
 * (the directory's "out of date" list's total, by the same query: PublicContentService.homeSummary) and awareness
 * campaigns starting in the next 14 days.
 */
import { formatDate } from '../../platform/views.js';
import { type HomeContributor, type HomePanel, plural } from '../home/panels.js';
import { type PublicContentService } from './service.js';
import { publicContentPath } from './paths.js';

export function publicSitePanel(s: { stale: number; starting: readonly { id: string; title: string; starts_on: string }[] }): HomePanel {
  return {
    title: 'Public site',
    counts: [{ count: s.stale, text: `“Find help” ${plural(s.stale, 'entry', 'entries')} out of date: check with the service`, href: publicContentPath('services', {}, { show: 'stale' }), tone: 'due' }],
    items: s.starting.map((c) => ({ text: `Campaign: ${c.title}`, href: publicContentPath('editCampaign', { id: c.id }), when: `starts ${formatDate(c.starts_on)}` })),
    itemsTitle: 'Campaigns starting in the next 14 days',
    links: [
      { text: 'Find help directory', href: publicContentPath('services', {}) },
      { text: 'Awareness campaigns', href: publicContentPath('campaigns', {}) },
    ],
  };
}

export function publicContentHomePanels(publicContent: PublicContentService): HomeContributor[] {
  return [
    {
      id: 'public-content',
      order: 74,
      needs: ['public_content:manage'],
      async panel(user) {
        return publicSitePanel(await publicContent.homeSummary(user.tenantId));
      },
    },
  ];
}
