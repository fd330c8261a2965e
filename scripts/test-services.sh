#!/usr/bin/env bash
# Makes sure what the test suite needs is on this machine: Debian's Chromium and a running PostgreSQL
# with a superuser role for the tests. Safe to run again; does nothing that is already done.
set -euo pipefail

PG_ROLE=${TEST_PG_ROLE:-keyfigures}

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

if [ ! -x /usr/bin/chromium ]; then
  echo "test-services: installing Debian's chromium (Playwright drives /usr/bin/chromium)"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi

if [ -n "${TEST_PG_ADMIN_URL:-}" ]; then
  echo "test-services: using PostgreSQL at TEST_PG_ADMIN_URL"
  exit 0
fi

if ! command -v pg_ctlcluster >/dev/null 2>&1; then
  echo "test-services: installing Debian's postgresql"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi

if ! pg_isready -q -h localhost; then
  cluster=$(pg_lsclusters --no-header | awk 'NR==1 {print $1" "$2}')
  [ -n "$cluster" ] || { echo "test-services: no PostgreSQL cluster found (pg_lsclusters is empty)" >&2; exit 1; }
  echo "test-services: starting PostgreSQL cluster $cluster"
  as_root pg_ctlcluster $cluster start
  for _ in $(seq 1 30); do pg_isready -q -h localhost && break; sleep 1; done
fi

exists=$(as_root su postgres -c "psql -tAc \"SELECT 1 FROM pg_roles WHERE rolname = '$PG_ROLE'\"")
if [ "$exists" != "1" ]; then
  echo "test-services: creating PostgreSQL role $PG_ROLE for the tests"
  as_root su postgres -c "psql -qc \"CREATE ROLE $PG_ROLE LOGIN SUPERUSER PASSWORD '$PG_ROLE'\""
fi
