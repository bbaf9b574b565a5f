import cliProgress from 'cli-progress';

/** A progress bar on stderr when it is a terminal; silent otherwise (CI logs stay readable). */
export function progressReporter(label: string): { update: (p: { phase: string; done: number; total: number }) => void; stop: () => void } {
  if (!process.stderr.isTTY) return { update: () => {}, stop: () => {} };
  const bar = new cliProgress.SingleBar({
    format: `${label} {phase} [{bar}] {value}/{total}`, stream: process.stderr, hideCursor: true, clearOnComplete: true,
  }, cliProgress.Presets.shades_classic);
  let started = false;
  let phase = '';
  return {
    update(p) {
      if (!started) { bar.start(p.total, p.done, { phase: p.phase }); started = true; phase = p.phase; return; }
      if (p.phase !== phase) { bar.setTotal(p.total); phase = p.phase; }
      bar.update(p.done, { phase: p.phase });
    },
    stop() { if (started) bar.stop(); },
  };
}
