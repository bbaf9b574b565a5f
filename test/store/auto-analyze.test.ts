import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'drizzle-orm';
import { analyzeStaleTables, openDatabase } from '../../src/store/index.ts';

test('auto-analyze: a table that changed past the threshold is analyzed once, then left alone', async () => {
  const handle = await openDatabase({ dataDir: 'memory://' });
  try {
    const rows = (q: ReturnType<typeof sql>) => handle.db.execute(q).then((r) => (r as unknown as { rows: Record<string, unknown>[] }).rows);
    await handle.db.execute(sql`insert into processed_events (consumer, event_id) select 'c', 'e' || g from generate_series(1, 500) g`);
    await handle.db.execute(sql`select pg_stat_force_next_flush()`);
    const [before] = await rows(sql`select reltuples from pg_class where relname = 'processed_events'`);
    assert.equal(Number(before!.reltuples), -1, 'never analyzed');
    assert.ok((await analyzeStaleTables(handle.db)).includes('processed_events'));
    const [afterwards] = await rows(sql`select reltuples from pg_class where relname = 'processed_events'`);
    assert.equal(Number(afterwards!.reltuples), 500);
    await handle.db.execute(sql`select pg_stat_force_next_flush()`);
    assert.deepEqual(await analyzeStaleTables(handle.db), [], 'nothing changed since');
  } finally {
    await handle.close();
  }
});
