/**
 * The calendar's home panel (features/home/panels.ts), for the administrator: said only when next year's bank
 * holidays are not in the calendar yet (deadlines counted in working days would then be wrong from 1 January).
 */
import { type HomeContributor, type HomePanel } from '../home/panels.js';
import { type OrganisationService } from '../organisations/service.js';
import { type CalendarAdminService } from './service.js';
import { calendarPath } from './paths.js';

export function calendarPanel(next: { year: number; present: boolean }): HomePanel | null {
  if (next.present) return null;
  return {
    title: 'Working-day calendar',
    counts: [],
    items: [{ text: `Add the bank holidays for ${next.year}`, href: calendarPath('bankHolidays', {}), detail: 'deadlines in working days need them', overdue: true }],
  };
}

export function calendarHomePanels(calendarAdmin: CalendarAdminService, organisations: OrganisationService): HomeContributor[] {
  return [
    {
      id: 'admin-calendar',
      order: 92,
      needs: ['admin:manage'],
      async panel(user) {
        const division = (await organisations.tenant(user.tenantId))?.calendarDivision ?? 'england-and-wales';
        return calendarPanel(await calendarAdmin.nextYear(division));
      },
    },
  ];
}
