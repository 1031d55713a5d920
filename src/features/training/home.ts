/**
 * Partnership training's home panels (features/home/panels.ts): the training team's registers to take; an agency's
 * places booked on sessions to come. Items, not counts: each opens its session or register.
 */
import { type HomeContributor, type HomePanel } from '../home/panels.js';
import { type TrainingService } from './service.js';
import { bookingsPanel, teamPanel } from './presenters.js';

export function trainingTeamPanel(p: ReturnType<typeof teamPanel>): HomePanel {
  return {
    title: 'Partnership training',
    counts: [],
    items: p.registers.map((r) => ({ text: `Take the register: ${r.text}`, href: r.href })),
    itemsTitle: 'Registers to take',
    links: [
      { text: 'Courses', href: p.catalogue },
      { text: 'Training needs analysis', href: p.needs },
    ],
    empty: `No registers to take. Impact questionnaires in the last 90 days: ${p.impact.sent} sent, ${p.impact.answered} answered.`,
  };
}

export function agencyBookingsPanel(p: ReturnType<typeof bookingsPanel>): HomePanel | null {
  if (p.total === 0) return null;
  return {
    title: 'Your agency’s training places',
    counts: [],
    items: p.rows.map((r) => ({ text: r.course, href: r.href, when: r.when, detail: r.name })),
    itemsTitle: 'Places booked on sessions to come',
    links: [
      { text: p.total > p.rows.length ? `All ${p.total} places to come, and past bookings` : 'All your agency’s bookings', href: p.ours },
      { text: 'Book partnership training', href: p.catalogue },
    ],
  };
}

export function trainingHomePanels(training: TrainingService): HomeContributor[] {
  return [
    {
      id: 'training',
      order: 70,
      needs: ['training:manage', 'training:book'],
      async panel(user) {
        if (user.permissions.has('training:manage')) return trainingTeamPanel(teamPanel(await training.teamPanel(user)));
        return agencyBookingsPanel(bookingsPanel(await training.agencyPanel(user)));
      },
    },
  ];
}
