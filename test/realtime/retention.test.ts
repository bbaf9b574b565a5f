import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { pruneEventLog, retentionDays } from '../../src/realtime/index.ts';
import type { DatabaseHandle } from '../../src/store/index.ts';
import { testBackends } from '../support/databases.ts';

for (const backend of testBackends()) {
  describe(`event-log retention (${backend.name})`, () => {
    let handle: DatabaseHandle & { dispose(): Promise<void> };
    before(async () => { handle = await backend.open(); });
    after(async () => { await handle?.dispose(); });

    const count = async (query: ReturnType<typeof sql>) => Number(((await handle.db.execute(query)) as { rows: { n: number | string }[] }).rows[0]!.n);

    test('deletes published outbox rows and processed-event claims past the retention, keeps the rest', async () => {
      // 12 old published rows, 3 recent published, 4 old but never published; claims: 12 old, 3 recent.
      const row = (i: number, published: string | null, created: string) =>
        sql`insert into outbox (event_id, topic, key, payload, created_at, published_at) values (${`ev-${i}`}, 'job.created', ${`k${i}`}, '{}'::jsonb, ${created}::timestamptz, ${published}::timestamptz)`;
      const old = new Date(Date.now() - 10 * 86_400_000).toISOString();
      const recent = new Date(Date.now() - 3_600_000).toISOString();
      for (let i = 0; i < 12; i++) await handle.db.execute(row(i, old, old));
      for (let i = 12; i < 15; i++) await handle.db.execute(row(i, recent, recent));
      for (let i = 15; i < 19; i++) await handle.db.execute(row(i, null, old));
      for (let i = 0; i < 15; i++) {
        await handle.db.execute(sql`insert into processed_events (consumer, event_id, processed_at) values ('matcher', ${`ev-${i}`}, ${i < 12 ? old : recent}::timestamptz)`);
      }
      // A batch smaller than the work, so the loop has to take several passes.
      const pruned = await pruneEventLog(handle, { days: 7, batch: 5 });
      assert.deepEqual(pruned, { outbox: 12, processedEvents: 12 });
      assert.equal(await count(sql`select count(*)::int as n from outbox where published_at is null`), 4, 'unpublished rows are never pruned');
      assert.equal(await count(sql`select count(*)::int as n from outbox where published_at is not null`), 3);
      assert.equal(await count(sql`select count(*)::int as n from processed_events`), 3);
      assert.deepEqual(await pruneEventLog(handle, { days: 7 }), { outbox: 0, processedEvents: 0 }, 'a second pass finds nothing');
    });
  });
}

test('FITWISE_EVENT_RETENTION_DAYS: default 7, a bad value is a clear error', () => {
  assert.equal(retentionDays({}), 7);
  assert.equal(retentionDays({ FITWISE_EVENT_RETENTION_DAYS: '30' }), 30);
  for (const bad of ['0', '-1', 'week']) {
    assert.throws(() => retentionDays({ FITWISE_EVENT_RETENTION_DAYS: bad }), /FITWISE_EVENT_RETENTION_DAYS must be a number of days ≥ 1/);
  }
});
