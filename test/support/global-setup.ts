/**
 * Builds one migrated, seeded database before the tests, which every test file then copies: a PGlite data
 * directory dump by default, or a template database on a real server when TEST_DATABASE_URL is set.
 */
import { closeSync, existsSync, mkdtempSync, openSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { setTimeout as wait } from 'node:timers/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { demoPasswordHash } from '../../src/app.js';
import { type DbHandle, openDatabase, pgliteOf, rows } from '../../src/db/client.js';
import { loadConfig } from '../../src/config.js';
import { createServices } from '../../src/services.js';
import { readyTheRegister } from '../../src/startup.js';
import { sql } from 'drizzle-orm';
import { prepareDatabase } from '../../src/db/prepare.js';
import { AuditSealer } from '../../src/platform/audit-sealer.js';
import { DEFAULT_TEST_DEMO_SCALE } from './demo-scale.js';

/** The template's name on a server: one per scale, so the seed project's and the db project's never meet. */
const templateName = (scale: number) => `threshold_test_s${Math.round(scale * 100)}`;


function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/** Migrate, seed the demo borough, and ready the register (matching profiles, model, duplicates queue). */
async function prepare(handle: DbHandle, demoScale: number, options: { measures: boolean }): Promise<void> {
  const { seeded } = await prepareDatabase(handle, { seedDemoWhenEmpty: true, demoPasswordHash, now: new Date(), demoScale });
  const config = loadConfig({ NODE_ENV: 'test' });
  const services = createServices(config, handle, () => new Date());
  await readyTheRegister(services, { seeded });
  // The measures' facts built once here, as the running server's refresh job would have, so no test's first
  // measures page waits for a full rebuild of every measure over the demo year.
  // (The seed project's tests read the records, not the measures: its template skips them.)
  if (options.measures) {
    const started = Date.now();
    for (const t of await rows<{ id: string }>(handle.db, sql`select id from tenant`)) await services.measures.refresh(t.id, { full: true });
    if (process.env.TEST_LOG_LEVEL) console.warn(`measures built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
  // The template's events sealed, as a running server's sealer would have done.
  await new AuditSealer(handle.db, config.auditCheckpointKey).sealNow();
}

/**
 * A tar of a data directory without the WAL segments other than `keep` (ustar: 512-byte headers, each file's
 * contents padded to 512 bytes, two zero blocks at the end).
 */
export function withoutOldWal(tar: Buffer, keep: string): Buffer {
  const parts: Buffer[] = [];
  let at = 0;
  while (at + 512 <= tar.length) {
    const header = tar.subarray(at, at + 512);
    if (header.every((b) => b === 0)) break;
    const name = header.subarray(0, 100).toString('utf8').replace(/\0.*$/s, '');
    const prefix = header.subarray(345, 500).toString('utf8').replace(/\0.*$/s, '');
    const size = parseInt(header.subarray(124, 136).toString('utf8').replace(/\0.*$/s, '').trim() || '0', 8);
    const length = 512 + Math.ceil(size / 512) * 512;
    const path = prefix ? `${prefix}/${name}` : name;
    const segment = /pg_wal\/([0-9A-F]{24})$/.exec(path);
    if (!segment || segment[1] === keep) parts.push(tar.subarray(at, at + length));
    at += length;
  }
  parts.push(Buffer.alloc(1024));
  return Buffer.concat(parts);
}

export default async function setup(project: TestProject) {
  // The project's own setting (the seed project asks for the seeds' volumes), else the environment's, else the default.
  const scale = Number(project.config.env?.TEST_DEMO_SCALE ?? process.env.TEST_DEMO_SCALE ?? DEFAULT_TEST_DEMO_SCALE);
  const TEMPLATE_DB = templateName(scale);
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (serverUrl) {
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`drop database if exists ${TEMPLATE_DB} with (force)`);
    await admin.query(`create database ${TEMPLATE_DB}`);
    await admin.end();
    const handle = await openDatabase({ databaseUrl: withDatabase(serverUrl, TEMPLATE_DB), poolSize: 2 });
    await prepare(handle, scale, { measures: project.name !== 'seed' });
    await handle.close();
    project.provide('database', { kind: 'postgres', serverUrl, template: TEMPLATE_DB });
    return async () => {
      const c = new pg.Client({ connectionString: serverUrl });
      await c.connect();
      const { rows } = await c.query<{ datname: string }>(`select datname from pg_database where datname like '${TEMPLATE_DB}%'`);
      for (const r of rows) await c.query(`drop database if exists ${r.datname} with (force)`);
      await c.end();
    };
  }
  // The test command builds the PGlite template once for the db and e2e projects, which start side by side
  // (scripts/test-all.mjs gives them one TEST_TEMPLATE_DIR): the first to ask builds it, the other waits for it.
  const shared = process.env.TEST_TEMPLATE_DIR;
  const measures = project.name !== 'seed';
  if (shared) {
    const file = join(shared, `template-s${Math.round(scale * 100)}${measures ? '-measures' : ''}.tar`);
    if (claim(`${file}.building`)) {
      await buildPgliteTemplate(file, scale, measures).catch((err: unknown) => {
        writeFileSync(`${file}.failed`, String(err));
        throw err;
      });
    } else {
      const deadline = Date.now() + 15 * 60_000;
      while (!existsSync(file)) {
        if (existsSync(`${file}.failed`)) throw new Error(`the other project could not build the test database template: see its output`);
        if (Date.now() > deadline) throw new Error(`the test database template was not built in 15 minutes: ${file}`);
        await wait(250);
      }
    }
    project.provide('database', { kind: 'pglite', dumpFile: file });
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'threshold-test-'));
  const file = join(dir, 'template.tar');
  await buildPgliteTemplate(file, scale, measures);
  project.provide('database', { kind: 'pglite', dumpFile: file });
  return () => rmSync(dir, { recursive: true, force: true });
}

/** True for the one caller that creates `path` (the others find it there). */
function claim(path: string): boolean {
  try {
    closeSync(openSync(path, 'wx'));
    return true;
  } catch {
    return false;
  }
}

/** Builds the template and dumps it to `file`, whole or not at all (written beside it, then renamed). */
async function buildPgliteTemplate(file: string, scale: number, measures: boolean): Promise<void> {
  const handle = await openDatabase({});
  await prepare(handle, scale, { measures });
  // Written WAL is most of a fresh data directory (8 segments of 16 MB after the seed). After a checkpoint only the
  // segment holding it is needed to start: the others are left out of the dump, so every test file loads half the bytes.
  const lite = pgliteOf(handle)!;
  await lite.query('checkpoint');
  const current = (await lite.query<{ name: string }>('select pg_walfile_name(pg_current_wal_lsn()) as name')).rows[0]!.name;
  const dump = await lite.dumpDataDir('none');
  writeFileSync(`${file}.partial`, withoutOldWal(Buffer.from(await dump.arrayBuffer()), current));
  renameSync(`${file}.partial`, file);
  await handle.close();
}

declare module 'vitest' {
  export interface ProvidedContext {
    database: { kind: 'pglite'; dumpFile: string } | { kind: 'postgres'; serverUrl: string; template: string };
  }
}
