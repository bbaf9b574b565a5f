import { sql } from 'drizzle-orm';
import type { Db } from './database.ts';

/**
 * PostgreSQL's autovacuum keeps planner statistics fresh; PGlite has no autovacuum, so a table that
 * was never analyzed is planned as if it were tiny and queried by sequential scan — a daily-cap count
 * over the notifications table then costs time in proportion to every notification ever written.
 * This applies autovacuum's own rule (analyze once the rows changed since the last analyze exceed
 * 50 + 10% of the table) on a timer, one table at a time.
 */
export const ANALYZE_THRESHOLD = 50;
export const ANALYZE_SCALE_FACTOR = 0.1;

/** Analyzes the tables whose changes since their last analyze cross the threshold; returns their names. */
export async function analyzeStaleTables(db: Db): Promise<string[]> {
  const res = await db.execute(sql`
    select s.relname as name from pg_stat_user_tables s join pg_class c on c.oid = s.relid
    where s.n_mod_since_analyze > ${ANALYZE_THRESHOLD} + ${ANALYZE_SCALE_FACTOR} * greatest(c.reltuples, 0)
    order by s.relname`);
  const names = (res as unknown as { rows: { name: string }[] }).rows.map((r) => r.name);
  for (const name of names) await db.execute(sql`analyze ${sql.identifier(name)}`);
  return names;
}

/** Runs `analyzeStaleTables` every `everyMs` until the returned stop function is called. */
export function startAutoAnalyze(db: Db, everyMs = 15_000, onError: (err: unknown) => void = () => {}): () => Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  let stopped = false;
  const tick = () => {
    running = analyzeStaleTables(db).catch(onError).finally(() => {
      if (!stopped) { timer = setTimeout(tick, everyMs); timer.unref?.(); }
    });
  };
  timer = setTimeout(tick, everyMs);
  timer.unref?.();
  return async () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    await running;
  };
}
