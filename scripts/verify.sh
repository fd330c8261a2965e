#!/usr/bin/env bash
# The whole test suite, as `npm test` and CI run it: typecheck, lint, unit tests, integration tests on
# SQLite and PostgreSQL, then end-to-end tests in Chromium against the production build.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n== %s\n' "$1"; }

step "services (Chromium, PostgreSQL)"
bash scripts/test-services.sh
export TEST_PG_ADMIN_URL=${TEST_PG_ADMIN_URL:-postgres://keyfigures:keyfigures@localhost:5432/postgres}

step "typecheck"
npx tsc --noEmit

step "lint"
npx eslint . --max-warnings 0
npx prettier --check . --log-level warn

step "unit and integration tests (SQLite and PostgreSQL)"
npx vitest run

step "build"
npx next build

step "end-to-end tests (Chromium)"
npx playwright test
