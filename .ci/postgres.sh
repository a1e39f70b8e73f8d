# shellcheck shell=bash
# Sourced by .ci/run: makes a local PostgreSQL available and exports DATABASE_URL for the store's
# contract tests. Idempotent (safe when already installed or running) and bounded: every wait has
# a timeout, so a broken machine fails the step instead of hanging CI.
# It is sourced, so it never calls `exit` or `set -e`; failures print a notice and `return 1`,
# and the Postgres half of the suite then skips with a visible warning.

trucebrief_pg_setup() {
  local db="${TRUCEBRIEF_PG_DB:-trucebrief_test}"
  local role="${TRUCEBRIEF_PG_ROLE:-trucebrief}"
  local password="${TRUCEBRIEF_PG_PASSWORD:-trucebrief}"
  local port="${TRUCEBRIEF_PG_PORT:-5432}"
  local sudo_pg=()

  if [ "$(id -u)" -eq 0 ]; then
    sudo_pg=(runuser -u postgres --)
  elif [ "$(id -un)" != postgres ]; then
    sudo_pg=(sudo -n -u postgres --)
  fi

  if ! command -v pg_ctlcluster >/dev/null 2>&1 || ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
    echo "postgres.sh: installing Debian's postgresql"
    export DEBIAN_FRONTEND=noninteractive
    if ! timeout 600 apt-get update -qq || ! timeout 900 apt-get install -y -qq postgresql >/dev/null; then
      echo "postgres.sh: could not install postgresql; the Postgres store tests will be skipped" >&2
      return 1
    fi
  fi

  # Debian's package creates a cluster on install; a machine without one (e.g. a slimmed image) gets one now.
  local version
  version="$(ls /usr/lib/postgresql | sort -V | tail -n 1)"
  if [ -z "$(pg_lsclusters -h 2>/dev/null)" ]; then
    timeout 120 pg_createcluster "$version" main --port "$port" >/dev/null || {
      echo "postgres.sh: could not create a cluster" >&2
      return 1
    }
  fi

  local cluster_version cluster_name cluster_port cluster_status
  read -r cluster_version cluster_name cluster_port cluster_status _ < <(pg_lsclusters -h | head -n 1)
  if [ "$cluster_status" != online ]; then
    # pg_ctlcluster waits for start-up itself; the timeout guards against a wedged server.
    timeout 120 pg_ctlcluster "$cluster_version" "$cluster_name" start || {
      echo "postgres.sh: could not start cluster $cluster_version/$cluster_name" >&2
      return 1
    }
  fi
  port="$cluster_port"

  local i
  for i in $(seq 1 60); do
    if pg_isready -q -h 127.0.0.1 -p "$port"; then break; fi
    sleep 0.5
  done
  if ! pg_isready -q -h 127.0.0.1 -p "$port"; then
    echo "postgres.sh: server on port $port did not become ready" >&2
    return 1
  fi

  local psql=("${sudo_pg[@]}" psql -X -q -v ON_ERROR_STOP=1 -p "$port" -d postgres)
  if [ "$("${psql[@]}" -tAc "SELECT 1 FROM pg_roles WHERE rolname = '$role'")" != 1 ]; then
    timeout 30 "${psql[@]}" -c "CREATE ROLE \"$role\" LOGIN PASSWORD '$password'" || return 1
  fi
  if [ "$("${psql[@]}" -tAc "SELECT 1 FROM pg_database WHERE datname = '$db'")" != 1 ]; then
    timeout 30 "${psql[@]}" -c "CREATE DATABASE \"$db\" OWNER \"$role\"" || return 1
  fi

  export DATABASE_URL="postgresql://$role:$password@127.0.0.1:$port/$db"
  echo "postgres.sh: DATABASE_URL points at $db on 127.0.0.1:$port"
}

trucebrief_pg_setup
