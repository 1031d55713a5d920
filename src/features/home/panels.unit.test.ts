import { describe, expect, it } from 'vitest';
import { type Permission } from '../../domain/roles.js';
import { type CurrentUser } from '../../platform/authz.js';
import { type HomeContributor, HomePanels } from './panels.js';

const contributor = (id: string, order: number, needs: Permission[], calls: string[]): HomeContributor => ({
  id,
  order,
  needs,
  panel: async () => {
    calls.push(id);
    return id === 'silent' ? null : { title: id, counts: [] };
  },
});

const user = (permissions: Permission[]) => ({ permissions: new Set(permissions) }) as unknown as CurrentUser;

describe('HomePanels', () => {
  it('asks only the contributors the user’s permissions reach, in order, and leaves out those with nothing to say', async () => {
    const calls: string[] = [];
    const panels = new HomePanels([
      contributor('late', 50, ['worklist:view'], calls),
      contributor('early', 10, ['contact:read', 'worklist:view'], calls),
      contributor('silent', 20, ['contact:read'], calls),
      contributor('admin', 90, ['admin:manage'], calls),
    ]);
    const shown = await panels.panelsFor(user(['contact:read', 'worklist:view']));
    expect(shown.map((p) => p.id)).toEqual(['early', 'late']);
    expect(calls).toEqual(['early', 'silent', 'late']);
    expect(panels.for(new Set<Permission>(['admin:manage'])).map((c) => c.id)).toEqual(['admin']);
    expect(await panels.panelsFor(user([]))).toEqual([]);
  });

  it('refuses two contributors with one name', () => {
    const calls: string[] = [];
    expect(() => new HomePanels([contributor('a', 1, ['contact:read'], calls), contributor('a', 2, ['contact:read'], calls)])).toThrow(/Two home panels/);
  });
});
