#!/usr/bin/env bash
# Type-check, then run every *.test.ts through node's test runner (Node 20 needs explicit file names).
set -euo pipefail
cd "$(dirname "$0")/.."
npx tsc --noEmit
# Build the web app once up front, so test files that serve it never race to build it.
node --import tsx -e "await (await import('./src/api/web.ts')).ensureWebBuilt({ ifStale: true, quiet: true })"
mapfile -t files < <(find src test -name '*.test.ts' -not -path '*/node_modules/*' | sort)
if [ "$#" -gt 0 ]; then files=("$@"); fi
# Test files share two cores with PGlite instances and real services: run a few at a time.
exec node --import tsx --test --test-concurrency="${TEST_CONCURRENCY:-2}" --test-timeout="${TEST_TIMEOUT_MS:-600000}" "${files[@]}"
