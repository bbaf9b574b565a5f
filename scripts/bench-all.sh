#!/usr/bin/env bash
# Runs every benchmark one after another (run it on an otherwise idle machine) and keeps the JSON
# results in docs/benchmarks/ for docs/BENCHMARKS.md.
set -uo pipefail
cd "$(dirname "$0")/.."
out=docs/benchmarks
mkdir -p "$out"
for name in ${BENCHES:-fit retrieval routing parsing gateway tokens seed normalize realtime}; do
  echo "== $name ($(date -u +%H:%M:%S))" >&2
  node --import tsx "bench/$name.ts" ${BENCH_ARGS:-} --json "$out/$name.json" > /dev/null || echo "benchmark $name failed" >&2
done
