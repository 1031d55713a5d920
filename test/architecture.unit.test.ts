/**
 * The house rules that keep capabilities apart (ADR 0010), checked from the source: every table has one writing
 * capability (src/db/schema/owners.json), a feature writes only its own tables, and the features' imports form
 * no cycle, so each capability sits on the floors below it and none reaches up.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');
const SRC = join(ROOT, 'src');
const FEATURES = join(SRC, 'features');

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : path.endsWith('.ts') && !path.endsWith('.test.ts') ? [path] : [];
  });
}

const owners = JSON.parse(readFileSync(join(SRC, 'db/schema/owners.json'), 'utf8')) as Record<string, string[] | string>;
const ownerOf = new Map<string, string>();
for (const [feature, tables] of Object.entries(owners)) if (Array.isArray(tables)) for (const t of tables) ownerOf.set(t, feature);

/** Every table the schema declares: its export name and its SQL name. */
const tables = filesUnder(join(SRC, 'db/schema')).flatMap((file) =>
  [...readFileSync(file, 'utf8').matchAll(/export const (\w+) = pgTable\(\s*'(\w+)'/g)].map((m) => ({ name: m[1]!, sql: m[2]! })),
);
const byName = new Map(tables.map((t) => [t.name, t]));
const bySql = new Map(tables.map((t) => [t.sql, t]));
const features = readdirSync(FEATURES).filter((f) => statSync(join(FEATURES, f)).isDirectory());

/** The tables a file writes: raw SQL (insert into / update / delete from) and drizzle's insert/update/delete. */
function tablesWritten(source: string): Set<string> {
  const written = new Set<string>();
  for (const m of source.matchAll(/\b(?:insert\s+into|update|delete\s+from)\s+([a-z_]+)\b/gi)) {
    const t = bySql.get(m[1]!.toLowerCase());
    if (t) written.add(t.name);
  }
  for (const m of source.matchAll(/\.(?:insert|update|delete)\((\w+)\)/g)) if (byName.has(m[1]!)) written.add(m[1]!);
  return written;
}

/** The other features a file imports (any import, types included). */
function featuresImported(file: string, own: string): Set<string> {
  const found = new Set<string>();
  for (const m of readFileSync(file, 'utf8').matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)) {
    const target = relative(FEATURES, join(file, '..', m[1]!));
    const feature = target.split('/')[0]!;
    if (!target.startsWith('..') && feature !== own && features.includes(feature)) found.add(feature);
  }
  return found;
}

describe('the house’s boundaries', () => {
  it('gives every table exactly one owning capability', () => {
    expect(tables.length).toBeGreaterThan(50);
    expect(tables.filter((t) => !ownerOf.has(t.name)).map((t) => t.name)).toEqual([]);
    const listed = Object.values(owners).filter(Array.isArray).flat();
    expect(listed.filter((t, i) => listed.indexOf(t) !== i)).toEqual([]);
    expect(listed.filter((t) => !byName.has(t))).toEqual([]);
  });

  it('lets a feature write only its own tables', () => {
    const trespass: string[] = [];
    for (const feature of features) {
      for (const file of filesUnder(join(FEATURES, feature))) {
        for (const t of tablesWritten(readFileSync(file, 'utf8'))) {
          if (ownerOf.get(t) !== feature) trespass.push(`${relative(ROOT, file)} writes ${bySql.get(t) ? t : t} (owned by ${ownerOf.get(t)})`);
        }
      }
    }
    expect(trespass).toEqual([]);
  });

  it('finds a write however it is spelt, so the check above cannot pass by missing one', () => {
    expect([...tablesWritten('await db.execute(sql`UPDATE contact SET x = 1`)')]).toEqual(['contact']);
    expect([...tablesWritten('insert into da_action (id) values (1); delete from contact_share where')]).toEqual(['daAction', 'contactShare']);
    expect([...tablesWritten('await tx.insert(daCase).values({})')]).toEqual(['daCase']);
    expect([...tablesWritten('select * from contact where updated_at > now()')]).toEqual([]);
  });

  it('has no cycle among the features’ imports: each capability builds on those below it', () => {
    const graph = new Map(features.map((f) => [f, new Set(filesUnder(join(FEATURES, f)).flatMap((file) => [...featuresImported(file, f)]))]));
    const cycles: string[] = [];
    const state = new Map<string, 'visiting' | 'done'>();
    const visit = (f: string, path: string[]) => {
      if (state.get(f) === 'done') return;
      if (state.get(f) === 'visiting') {
        cycles.push([...path.slice(path.indexOf(f)), f].join(' → '));
        return;
      }
      state.set(f, 'visiting');
      for (const next of graph.get(f) ?? []) visit(next, [...path, f]);
      state.set(f, 'done');
    };
    for (const f of features) visit(f, []);
    expect(cycles).toEqual([]);
  });

  it('has ESLint refuse a feature that imports another feature’s tables or repository', { timeout: 120_000 }, async () => {
    const eslint = new ESLint({ cwd: ROOT });
    const source = "import { contact } from '../../db/schema/index.js';\nimport { maracReferral } from '../../db/schema/index.js';\nimport * as repo from '../front-door/contact-repository.js';\nexport const x = [contact, maracReferral, repo];\n";
    const [result] = await eslint.lintText(source, { filePath: join(FEATURES, 'marac/service.ts') });
    const refusals = result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
    expect(refusals).toEqual([expect.stringMatching(/^'contact' import .* marac may import only its own tables/), expect.stringMatching(/another feature's repository/)]);
  });
});
