/**
 * One database interface over two drivers: embedded PostgreSQL (PGlite, persisted under ./data) when no
 * DATABASE_URL is set, and node-postgres with a pool for a real server. The same migrations run on both.
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { fuzzystrmatch } from '@electric-sql/pglite/contrib/fuzzystrmatch';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { type SQL } from 'drizzle-orm';
import { type PgDatabase, type PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import * as schema from './schema/index.js';

export type Schema = typeof schema;
/** A database or a transaction: both run queries. */
export type Database = PgDatabase<PgQueryResultHKT, Schema>;

export interface DbHandle {
  db: Database;
  kind: 'pglite' | 'postgres';
  close(): Promise<void>;
}

export const MIGRATIONS_FOLDER = fileURLToPath(new URL('./migrations', import.meta.url));

// The same JavaScript types from both drivers for raw SQL: dates as 'YYYY-MM-DD' strings, bigint and numeric as
// numbers (counts and measures stay far below 2^53).
const DATE_OID = 1082;
const INT8_OID = 20;
const NUMERIC_OID = 1700;
const TIMESTAMP_OID = 1114;
const TIMESTAMPTZ_OID = 1184;
const parseNumber = (v: string) => Number(v);
const asIs = (v: string) => v;
pg.types.setTypeParser(DATE_OID, asIs);
pg.types.setTypeParser(TIMESTAMPTZ_OID, asIs);
pg.types.setTypeParser(TIMESTAMP_OID, asIs);
pg.types.setTypeParser(INT8_OID, parseNumber);
pg.types.setTypeParser(NUMERIC_OID, parseNumber);

export const PGLITE_EXTENSIONS = { pg_trgm, fuzzystrmatch, unaccent };

export interface OpenOptions {
  databaseUrl?: string | undefined;
  /** PGlite directory, or undefined for an in-memory database. */
  dataDir?: string | undefined;
  poolSize?: number;
  /** A PGlite data directory dump to start from (tests). */
  loadDataDir?: Blob | File;
  statementTimeoutMs?: number;
}

export async function openDatabase(options: OpenOptions): Promise<DbHandle> {
  if (options.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: options.poolSize ?? 10,
      idleTimeoutMillis: 30_000,
      statement_timeout: options.statementTimeoutMs ?? 30_000,
      application_name: 'threshold',
      options: '-c TimeZone=UTC',
    });
    pool.on('error', (err) => console.error('database pool error', err.message));
    const db = drizzlePg({ client: pool, schema }) as unknown as Database;
    return { db, kind: 'postgres', close: () => pool.end() };
  }
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const client = await PGlite.create({
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
    extensions: PGLITE_EXTENSIONS,
    parsers: {
      [DATE_OID]: asIs,
      [TIMESTAMPTZ_OID]: asIs,
      [TIMESTAMP_OID]: asIs,
      [INT8_OID]: parseNumber,
      [NUMERIC_OID]: parseNumber,
    },
  });
  const db = drizzlePglite({ client, schema }) as unknown as Database;
  return {
    db,
    kind: 'pglite',
    close: async () => {
      if (!client.closed) await client.close();
    },
    // exposed for test templates
    ...({ pglite: client } as object),
  };
}

export function pgliteOf(handle: DbHandle): PGlite | undefined {
  return (handle as unknown as { pglite?: PGlite }).pglite;
}

export async function migrateDatabase(handle: DbHandle): Promise<void> {
  if (handle.kind === 'pglite') {
    await migratePglite(handle.db as never, { migrationsFolder: MIGRATIONS_FOLDER });
  } else {
    await migratePg(handle.db as never, { migrationsFolder: MIGRATIONS_FOLDER });
  }
}

/** Rows of a raw SQL query, typed by the caller. */
export async function rows<T>(db: Database, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

export async function one<T>(db: Database, query: SQL): Promise<T | undefined> {
  return (await rows<T>(db, query))[0];
}

/** Runs `fn` in a transaction (the same API on both drivers). */
export function transaction<T>(db: Database, fn: (tx: Database) => Promise<T>): Promise<T> {
  return db.transaction((tx) => fn(tx as unknown as Database));
}

/**
 * A timestamp from a raw query as a Date. Both drivers return PostgreSQL's text form
 * ("2026-11-23 05:17:49.424+00") for raw SQL; typed drizzle queries already map columns to Dates.
 */
export function asDate(value: string | Date): Date;
export function asDate(value: string | Date | null | undefined): Date | null;
export function asDate(value: string | Date | null | undefined): Date | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value;
  const iso = value.replace(' ', 'T').replace(/([+-]\d{2})$/, '$1:00');
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) throw new RangeError(`Not a timestamp: ${value}`);
  return d;
}
