#!/usr/bin/env bash
# Every benchmark, on a throwaway PostgreSQL 15 (or TEST_DATABASE_URL) and a production build. Not part of `npm test`.
# Usage: npm run bench [-- NAME…]   e.g. npm run bench -- roster tutoring   (names: files in bench/ without .ts)
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${TEST_DATABASE_URL:-}" ]; then
  PG_PORT=${PG_PORT:-54339} source tests/support/postgres.sh
  trap pg_stop EXIT
fi
export TEST_TEMPLATE_DB=${TEST_TEMPLATE_DB:-simpul_bench}
export SIMPUL_BUILD_DIR=${SIMPUL_BUILD_DIR:-bench}
NODE_ENV=production npx remix build >/dev/null
node --import tsx scripts/precompress.ts >/dev/null
node --import tsx scripts/build-server.ts >/dev/null
NODE_ENV=test node --import tsx tests/support/db.ts
export BENCH_TARGETS=${BENCH_TARGETS:-$(mktemp /tmp/simpul-bench-targets.XXXXXX)}
: > "$BENCH_TARGETS"
export BENCH_MACHINE="$(nproc) cores, $(free -g | awk '/^Mem:/ {print $2}') GB, load average before the run: $(cut -d' ' -f1-3 /proc/loadavg)"
# the CPU counters when the run starts: the summary reports the share of CPU time the hypervisor took away (steal)
export BENCH_CPU_START="$(head -1 /proc/stat)"
names=("$@")
[ ${#names[@]} -gt 0 ] || names=(first-load-js request-path phone roster signup event-page tutoring national-dashboard telecenters outbox)
failed=()
for n in "${names[@]}"; do
  echo "== bench/$n.ts"
  PREPARE=0 node --import tsx "bench/$n.ts" || failed+=("$n")
done
node --import tsx bench/summary.ts "$BENCH_TARGETS"
if [ ${#failed[@]} -gt 0 ]; then echo "benchmarks that failed: ${failed[*]}"; exit 1; fi
