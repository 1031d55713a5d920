/** A fresh copy of the seeded test database for one test file. */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { inject } from 'vitest';
import { type DbHandle, openDatabase } from '../../src/db/client.js';

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

export async function createTestDatabase(): Promise<DbHandle> {
  const source = inject('database');
  if (source.kind === 'pglite') {
    const bytes = readFileSync(source.dumpFile);
    return openDatabase({ loadDataDir: new Blob([bytes]) });
  }
  const name = `${source.template}_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: source.serverUrl });
  await admin.connect();
  await admin.query(`create database ${name} template ${source.template}`);
  await admin.end();
  const handle = await openDatabase({ databaseUrl: withDatabase(source.serverUrl, name), poolSize: 5 });
  return {
    ...handle,
    close: async () => {
      await handle.close();
      const c = new pg.Client({ connectionString: source.serverUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}
