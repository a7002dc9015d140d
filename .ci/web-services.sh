#!/usr/bin/env bash
# Sourced by .ci/run: what the web/store tests need from Debian, installed only when missing, and a PostgreSQL
# server on localhost with a test database. Exports REALPOLITIK_TEST_PG and REALPOLITIK_CHROMIUM. Idempotent.
set -euo pipefail

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v pg_ctlcluster >/dev/null 2>&1 || need+=(postgresql)
if [ "${#need[@]}" -gt 0 ]; then
  echo "CI: installing ${need[*]} from Debian"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi

# The newest installed PostgreSQL major version; create its cluster if the package did not.
pg_version=$(ls /usr/lib/postgresql | sort -n | tail -1)
if ! pg_lsclusters -h | awk '{print $1"/"$2}' | grep -qx "$pg_version/main"; then
  pg_createcluster "$pg_version" main >/dev/null
fi
if ! pg_lsclusters -h | awk -v v="$pg_version" '$1==v && $2=="main" {print $4}' | grep -q online; then
  pg_ctlcluster "$pg_version" main start
fi
pg_port=$(pg_lsclusters -h | awk -v v="$pg_version" '$1==v && $2=="main" {print $3}')

psql_admin() { su postgres -c "psql -p $pg_port -qtAX -v ON_ERROR_STOP=1 $*"; }
if [ "$(psql_admin "-c \"SELECT 1 FROM pg_roles WHERE rolname='realpolitik'\"")" != "1" ]; then
  psql_admin "-c \"CREATE ROLE realpolitik LOGIN PASSWORD 'realpolitik'\""
fi
if [ "$(psql_admin "-c \"SELECT 1 FROM pg_database WHERE datname='realpolitik_test'\"")" != "1" ]; then
  psql_admin "-c \"CREATE DATABASE realpolitik_test OWNER realpolitik\""
fi

export REALPOLITIK_TEST_PG="postgresql+psycopg://realpolitik:realpolitik@127.0.0.1:$pg_port/realpolitik_test"
export REALPOLITIK_CHROMIUM="$(command -v chromium)"
echo "CI: PostgreSQL $pg_version on 127.0.0.1:$pg_port, chromium at $REALPOLITIK_CHROMIUM"
