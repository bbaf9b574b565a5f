import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import * as schema from './schema.ts';
import { startAutoAnalyze } from './auto-analyze.ts';

export type Schema = typeof schema;
/** The one database type every repository takes: PGlite and node-postgres share it. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type DbOrTx = Db | Tx;

export interface DatabaseHandle {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** True when pgvector is available (always on PGlite; on PostgreSQL only where installed). */
  vector: boolean;
  /** Where the data lives, for messages: a directory, `memory://` or a redacted URL. */
  location: string;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** PostgreSQL connection string; wins over `dataDir`. */
  url?: string;
  /** PGlite data directory; `memory://` for an in-memory database. */
  dataDir?: string;
  /** Run migrations on open (default true). */
  migrate?: boolean;
  /** Connection pool size for PostgreSQL. */
  poolSize?: number;
}

export const MIGRATIONS_FOLDER = resolve(dirname(fileURLToPath(import.meta.url)), '../../drizzle');
export const DEFAULT_DATA_DIR = './.fitwise/db';

/** Picks the database the way every command does: DATABASE_URL, else --data-dir, else ./.fitwise/db. */
export function resolveDatabaseOptions(opts: { dataDir?: string } = {}, env: NodeJS.ProcessEnv = process.env): DatabaseOptions {
  if (env.DATABASE_URL) return { url: env.DATABASE_URL };
  return { dataDir: opts.dataDir ?? env.FITWISE_DATA_DIR ?? DEFAULT_DATA_DIR };
}

export async function openDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  const handle = options.url ? await openPostgres(options.url, options.poolSize ?? 10) : await openPglite(options.dataDir ?? DEFAULT_DATA_DIR);
  if (options.migrate !== false) await migrate(handle);
  return handle;
}

async function openPglite(dataDir: string): Promise<DatabaseHandle> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { vector } = await import('@electric-sql/pglite-pgvector');
  const { drizzle } = await import('drizzle-orm/pglite');
  const inMemory = dataDir === 'memory://' || dataDir === '';
  if (!inMemory) mkdirSync(dataDir, { recursive: true });
  const client = inMemory ? new PGlite({ extensions: { vector } }) : new PGlite(resolve(dataDir), { extensions: { vector } });
  await client.waitReady;
  await client.exec('CREATE EXTENSION IF NOT EXISTS vector;');
  const db = drizzle({ client, schema }) as unknown as Db;
  const stopAnalyze = startAutoAnalyze(db);
  return {
    db, kind: 'pglite', vector: true, location: inMemory ? 'memory://' : resolve(dataDir),
    close: async () => { await stopAnalyze(); await client.close(); },
  };
}

async function openPostgres(url: string, poolSize: number): Promise<DatabaseHandle> {
  const pg = await import('pg');
  const { drizzle } = await import('drizzle-orm/node-postgres');
  // bigint (count(*)) and numeric come back as JS numbers: our counts and USD amounts fit in doubles.
  pg.default.types.setTypeParser(20, (v) => Number(v));
  pg.default.types.setTypeParser(1700, (v) => Number(v));
  const pool = new pg.default.Pool({ connectionString: url, max: poolSize });
  pool.on('error', () => { /* a dropped idle connection is replaced on next use */ });
  const db = drizzle({ client: pool, schema }) as unknown as Db;
  let vector = false;
  try {
    await pool.query('CREATE EXTENSION IF NOT EXISTS vector');
    vector = true;
  } catch {
    vector = false; // Debian's PostgreSQL 15 ships without pgvector: vector search stays off.
  }
  return {
    db, kind: 'postgres', vector, location: url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@'),
    close: async () => { await pool.end(); },
  };
}

/** Applies committed migrations; on PostgreSQL under an advisory lock so concurrent processes don't race. */
export async function migrate(handle: DatabaseHandle): Promise<void> {
  if (handle.kind === 'pglite') {
    const { migrate: run } = await import('drizzle-orm/pglite/migrator');
    await run(handle.db as never, { migrationsFolder: MIGRATIONS_FOLDER });
    return;
  }
  const { migrate: run } = await import('drizzle-orm/node-postgres/migrator');
  // Session-level lock held on one pooled connection while the migrator runs.
  const pool = (handle.db as unknown as { $client: import('pg').Pool }).$client;
  const conn = await pool.connect();
  try {
    await conn.query('select pg_advisory_lock(4242001)');
    await run(handle.db as never, { migrationsFolder: MIGRATIONS_FOLDER });
  } finally {
    await conn.query('select pg_advisory_unlock(4242001)').catch(() => {});
    conn.release();
  }
}
