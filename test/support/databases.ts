import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type DatabaseHandle } from '../../src/store/index.ts';

/** The real PostgreSQL used by tests; CI sets DATABASE_URL_TEST, this machine's default otherwise. */
export const POSTGRES_TEST_URL = process.env.DATABASE_URL_TEST ?? 'postgres://root@127.0.0.1:5432/test';

export interface TestDatabase {
  name: 'pglite' | 'postgres';
  /** Opens (and migrates) the database; for PostgreSQL a fresh database is created per call. */
  open(): Promise<DatabaseHandle>;
}

/** Creates a throwaway database on the PostgreSQL server, so parallel test files never share tables. */
export async function createScratchPostgres(baseUrl = POSTGRES_TEST_URL): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `fw_test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: baseUrl });
      await c.connect();
      try {
        await c.query(`drop database if exists ${name} with (force)`);
      } finally {
        await c.end();
      }
    },
  };
}

/** Is the test PostgreSQL reachable? Tests that need it fail loudly in CI and skip with a message elsewhere. */
export async function postgresAvailable(url = POSTGRES_TEST_URL): Promise<boolean> {
  const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await c.connect();
    await c.end();
    return true;
  } catch {
    return false;
  }
}

/**
 * Both backends the store supports. A suite runs once per entry; `open()` gives a migrated database
 * and registers its clean-up with `onClose`.
 */
export function testBackends(): { name: 'pglite' | 'postgres'; open(): Promise<DatabaseHandle & { dispose(): Promise<void> }> }[] {
  return [
    {
      name: 'pglite',
      async open() {
        const h = await openDatabase({ dataDir: 'memory://' });
        return Object.assign(h, { dispose: () => h.close() });
      },
    },
    {
      name: 'postgres',
      async open() {
        const scratch = await createScratchPostgres();
        const h = await openDatabase({ url: scratch.url, poolSize: 20 });
        return Object.assign(h, {
          dispose: async () => {
            await h.close();
            await scratch.drop();
          },
        });
      },
    },
  ];
}

/** Path to the shared reference data; tests skip with a message when it is absent (a user's machine). */
export const SHARED_DIR = new URL('../../../shared/', import.meta.url).pathname;
