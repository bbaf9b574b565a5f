import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Job, Member } from '../../src/domain/index.ts';
import { DemoContext, generateCompany, generateJob, generateMember } from '../../src/seed/index.ts';
import type { AppContext } from '../../src/app/index.ts';
import { MatchIndex } from '../../src/matching/index.ts';
import type { Repositories } from '../../src/store/index.ts';
import type { Taxonomy } from '../../src/taxonomy/index.ts';

/** Fixed "now" of the demo data, so every process computes the same fit. */
export const DEMO_NOW = new Date('2026-11-01T00:00:00Z');

/** Polls `check` until it returns a truthy value or `timeoutMs` passes (then throws with `what`). */
export async function until<T>(check: () => Promise<T> | T, what: string, timeoutMs = 10_000, everyMs = 25): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** Demo members who all want alerts (open to work, partial fits and up, a generous daily cap). */
export function alertMember(demo: DemoContext, i: number): Member {
  const m = generateMember(demo, i);
  return { ...m, openToWork: true, alerts: { enabled: true, minLevel: 'partial', channels: ['in_app'], maxPerDay: 100 } };
}

/** A new open posting (never posted before: postedAt is stamped on insert) that notifies partial fits. */
export function newPosting(demo: DemoContext, i: number, idPrefix = 'jp'): Job {
  const j = generateJob(demo, i);
  return { ...j, id: `${idPrefix}-${i}`, status: 'open', postedAt: undefined, notifyMinLevel: 'partial' };
}

/** Companies plus `members` alert-wanting members, without events (a bulk load). */
export async function seedAlertMembers(repos: Repositories, taxonomy: Taxonomy, members: number, companies = 10, seed = 7): Promise<DemoContext> {
  const demo = new DemoContext(taxonomy, { members, jobs: 0, companies, courses: 0, seed, now: DEMO_NOW });
  await repos.companies.upsertMany(Array.from({ length: companies }, (_, i) => generateCompany(demo, i)));
  for (let i = 0; i < members; i += 1000) {
    await repos.members.upsertMany(Array.from({ length: Math.min(1000, members - i) }, (_, k) => alertMember(demo, i + k)));
  }
  return demo;
}

export interface SseMessage { id?: string; event: string; data: any }

/** A minimal SSE client over fetch: collects parsed events; `next(pred)` waits for a matching one. */
export function sseClient(url: string, headers: Record<string, string>): { messages: SseMessage[]; next(pred: (m: SseMessage) => boolean, timeoutMs?: number): Promise<SseMessage>; close(): void; opened: Promise<void> } {
  const ac = new AbortController();
  const messages: SseMessage[] = [];
  let openedResolve!: () => void;
  const opened = new Promise<void>((r) => { openedResolve = r; });
  void (async () => {
    try {
      const res = await fetch(url, { headers: { accept: 'text/event-stream', ...headers }, signal: ac.signal });
      openedResolve();
      const reader = res.body!.getReader();
      const dec = new TextDecoder();
      let buf = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buf += dec.decode(value, { stream: true });
        let i;
        while ((i = buf.indexOf('\n\n')) >= 0) {
          const block = buf.slice(0, i);
          buf = buf.slice(i + 2);
          const m: Partial<SseMessage> & { lines: string[] } = { lines: [] };
          for (const line of block.split('\n')) {
            if (line.startsWith('id: ')) m.id = line.slice(4);
            else if (line.startsWith('event: ')) m.event = line.slice(7);
            else if (line.startsWith('data: ')) m.lines.push(line.slice(6));
          }
          if (m.event) messages.push({ id: m.id, event: m.event, data: JSON.parse(m.lines.join('\n')) });
        }
      }
    } catch { openedResolve(); }
  })();
  return {
    messages, opened,
    next: (pred, timeoutMs = 10_000) => until(() => messages.find(pred), 'an SSE message', timeoutMs, 10) as Promise<SseMessage>,
    close: () => ac.abort(),
  };
}


export const NATS_TEST_URL = process.env.NATS_URL_TEST ?? 'nats://127.0.0.1:4222';
const ROOT = new URL('../../', import.meta.url).pathname;

/** A child process started by a test; `kill` is by pid only. */
export interface Child { proc: ChildProcess; ready: Promise<{ port: number; pid: number }>; stderr: () => string; kill(signal?: NodeJS.Signals): Promise<void> }

export function startRealtimeProcess(role: 'api' | 'worker', env: Record<string, string>): Child {
  const proc = spawn(process.execPath, ['--import', 'tsx', 'test/realtime/realtime-process.ts', role], {
    cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  proc.stderr!.on('data', (c) => { err += c; if (err.length > 20_000) err = err.slice(-10_000); });
  const ready = new Promise<{ port: number; pid: number }>((resolve, reject) => {
    let out = '';
    proc.stdout!.on('data', (c) => {
      out += c;
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (line) resolve(JSON.parse(line));
    });
    proc.once('exit', (code) => reject(new Error(`${role} exited with ${code} before ready: ${err.slice(-2000)}`)));
  });
  ready.catch(() => {});
  return {
    proc, ready, stderr: () => err,
    kill: (signal = 'SIGTERM') => new Promise<void>((resolve) => {
      if (proc.exitCode !== null || proc.signalCode !== null) return resolve();
      proc.once('exit', () => resolve());
      proc.kill(signal);
    }),
  };
}

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createNetServer();
    s.listen(0, '127.0.0.1', () => { const p = (s.address() as { port: number }).port; s.close(() => resolve(p)); });
  });
}

/** A private nats-server with JetStream in its own temp store, so a test may stop and restart it. */
export async function privateNatsServer(): Promise<{ url: string; stop(): Promise<void>; start(): Promise<void>; dispose(): Promise<void> }> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'fitwise-nats-'));
  let proc: ChildProcess | undefined;
  const start = async () => {
    proc = spawn('nats-server', ['-a', '127.0.0.1', '-p', String(port), '-js', '-sd', dir], { stdio: 'ignore' });
    await until(() => new Promise<boolean>((resolve) => {
      const sock = connect(port, '127.0.0.1');
      sock.once('connect', () => { sock.destroy(); resolve(true); });
      sock.once('error', () => resolve(false));
    }), 'nats-server to listen', 10_000, 50);
  };
  const stop = () => new Promise<void>((resolve) => {
    const p = proc;
    if (!p || p.exitCode !== null || p.signalCode !== null) return resolve();
    p.once('exit', () => resolve());
    p.kill('SIGTERM');
  });
  await start();
  return { url: `nats://127.0.0.1:${port}`, start, stop, dispose: async () => { await stop(); rmSync(dir, { recursive: true, force: true }); } };
}

/**
 * Generates postings until one open-to-work member fits `count` of them (partial and up, top 100),
 * ranked by an index of the test's own, not a worker's. Returns that member, those postings and
 * every open-to-work member read.
 */
export async function memberFittingPostings(ctx: AppContext, demo: DemoContext, count: number, idPrefix: string): Promise<{ member: string; jobs: Job[]; members: Member[] }> {
  const members: Member[] = [];
  for await (const b of ctx.repos.members.scan({ openToWork: true })) members.push(...b);
  const index = new MatchIndex(ctx.taxonomy, { members });
  const fits = new Map<string, Job[]>();
  for (let i = 0; ; i++) {
    const job = newPosting(demo, i, idPrefix);
    for (const r of index.rankMembersForJob(job, { taxonomy: ctx.taxonomy, now: DEMO_NOW }, { topK: 100, minLevel: 'partial' }).items) {
      fits.set(r.memberId, [...(fits.get(r.memberId) ?? []), job]);
    }
    const hit = [...fits].find(([, js]) => js.length >= count);
    if (hit) return { member: hit[0], jobs: hit[1], members };
  }
}
