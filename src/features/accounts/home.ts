/**
 * The administrator's accounts panel (features/home/panels.ts): accounts whose sign-ins are slowed after failed
 * attempts, and active accounts not signed in for 90 days (to disable). Each count is the users list's total for
 * that filter (AccountService.userPage), and links to it.
 */
import { type HomeContributor, type HomePanel, plural } from '../home/panels.js';
import { type AccountService } from './service.js';
import { accountsPath } from './paths.js';

export function accountsPanel(c: { slowed: number; dormant: number }): HomePanel {
  return {
    title: 'Users and accounts',
    counts: [
      { count: c.slowed, text: `${plural(c.slowed, 'account')} with sign-ins slowed after failed attempts`, href: accountsPath('users', {}, { show: 'slowed' }), tone: 'due' },
      { count: c.dormant, text: `active ${plural(c.dormant, 'account')} not signed in for 90 days: disable any no longer needed`, href: accountsPath('users', {}, { show: 'dormant' }), tone: 'waiting' },
    ],
    links: [
      { text: 'Users and roles', href: accountsPath('users', {}) },
      { text: 'Agencies and teams', href: '/admin/agencies' },
    ],
  };
}

export function accountHomePanels(accounts: AccountService): HomeContributor[] {
  return [
    {
      id: 'admin-accounts',
      order: 90,
      needs: ['admin:manage'],
      async panel(user) {
        const [slowed, dormant] = await Promise.all([accounts.userPage(user.tenantId, 'slowed', 1, 1), accounts.userPage(user.tenantId, 'dormant', 1, 1)]);
        return accountsPanel({ slowed: slowed.total, dormant: dormant.total });
      },
    },
  ];
}
