#!/usr/bin/env bash
# Started by Playwright: a fresh database copied from the test template, then the real server on it.
set -euo pipefail
cd "$(dirname "$0")/../.."
export DATABASE_URL=$(node --import tsx tests/e2e/prepare-db.ts)
export PORT=${E2E_PORT:-3210}
export NODE_ENV=test
export DEV_MAILBOX=1
export WORKER_INTERVAL_MS=250
export APP_URL="http://127.0.0.1:$PORT"
export UPLOADS_DIR="tests/.tmp/uploads-e2e-$PORT"
exec node --import tsx server.ts
