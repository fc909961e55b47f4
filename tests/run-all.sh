#!/usr/bin/env bash
# The whole test suite: typecheck, lint, domain tests on PostgreSQL 15 and on PGlite, Playwright journeys.
# Starts its own throwaway PostgreSQL unless TEST_DATABASE_URL is given.
set -euo pipefail
cd "$(dirname "$0")/.."
export NODE_ENV=test
started=$(date +%s)

if [ -z "${TEST_DATABASE_URL:-}" ]; then
  source tests/support/postgres.sh
  trap pg_stop EXIT
fi
echo "== PostgreSQL for tests: $TEST_DATABASE_URL"

echo "== typecheck"; npx tsc --noEmit
echo "== lint"; npx eslint . --max-warnings=0
echo "== layout rules (dependency-cruiser)"; npx depcruise app db emails server.ts --config .dependency-cruiser.cjs
# a production build, as deployed (the tests start it with NODE_ENV=test or production)
echo "== build"; NODE_ENV=production npx remix build >/dev/null

echo "== prepare test databases"
node --import tsx tests/support/db.ts

files=$(find tests/unit tests/integration -name '*.test.ts' 2>/dev/null | sort)
echo "== domain tests on PostgreSQL 15"
TEST_DB=postgres node --import tsx --test --test-concurrency=2 $files
echo "== domain tests on PGlite"
TEST_DB=pglite node --import tsx --test --test-concurrency=2 $(find tests/integration -name '*.test.ts' -not -name '*.pg-only.test.ts' | sort)

echo "== end-to-end (Playwright, Debian chromium)"
npx playwright test

echo "== all tests passed in $(( $(date +%s) - started )) s"
