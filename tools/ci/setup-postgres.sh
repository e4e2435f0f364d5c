#!/usr/bin/env bash
# Gives the storage contract tests a real PostgreSQL: installs Debian's postgresql if missing, runs a
# dedicated cluster "simpleim" listening on 127.0.0.1 only, creates a test role and database with a
# password, and writes SIMPLEIM_TEST_POSTGRES to artifacts/ci-env/postgres.sh, which test.sh sources.
# Idempotent and quick once installed: a running cluster is reused, existing role/database are kept.
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
env_dir="$root/artifacts/ci-env"
env_file="$env_dir/postgres.sh"
mkdir -p "$env_dir"
rm -f "$env_file"  # no stale connection string if anything below fails

cluster=simpleim
port=55432
database=simpleim_test
role=simpleim_test
password=simpleim_test_password  # a throwaway role on a loopback-only cluster

log() { echo "setup-postgres: $*"; }

server_installed() {
  command -v pg_createcluster >/dev/null 2>&1 && compgen -G "/usr/lib/postgresql/*/bin/postgres" >/dev/null
}

if ! server_installed; then
  export DEBIAN_FRONTEND=noninteractive
  log "installing postgresql from Debian's packages"
  # Refresh the package lists only when the install cannot proceed without it.
  if ! apt-get install -y -q postgresql >/dev/null 2>&1; then
    apt-get update -q >/dev/null
    apt-get install -y -q postgresql >/dev/null
  fi
fi

version=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
install -d -o postgres -g postgres -m 2775 /var/run/postgresql

# pg_lsclusters -h prints: version cluster port status owner datadir logfile
existing=$(pg_lsclusters -h | awk -v v="$version" -v c="$cluster" '$1 == v && $2 == c')
if [ -z "$existing" ]; then
  log "creating cluster $version/$cluster on 127.0.0.1:$port"
  pg_createcluster "$version" "$cluster" -p "$port" --start-conf=manual >/dev/null
  existing=$(pg_lsclusters -h | awk -v v="$version" -v c="$cluster" '$1 == v && $2 == c')
fi
port=$(echo "$existing" | awk '{print $3}')
status=$(echo "$existing" | awk '{print $4}')
# Loopback only, whatever the cluster was created with (conf.d is read after postgresql.conf).
conf="/etc/postgresql/$version/$cluster/conf.d/simpleim.conf"
wanted="listen_addresses = '127.0.0.1'"
if [ "$(cat "$conf" 2>/dev/null)" != "$wanted" ]; then
  echo "$wanted" >"$conf"
  if [ "$status" = "online" ]; then
    pg_ctlcluster "$version" "$cluster" restart
  fi
fi
if [ "$status" != "online" ]; then
  log "starting cluster $version/$cluster"
  pg_ctlcluster "$version" "$cluster" start
fi

for _ in $(seq 1 60); do
  pg_isready -q -h 127.0.0.1 -p "$port" && break
  sleep 0.5
done
pg_isready -q -h 127.0.0.1 -p "$port" || { log "cluster did not become ready on 127.0.0.1:$port"; exit 1; }

as_postgres() { runuser -u postgres -- psql -X -q -p "$port" -v ON_ERROR_STOP=1 "$@"; }
as_postgres -d postgres <<SQL >/dev/null
DO \$\$
BEGIN
  IF EXISTS (SELECT FROM pg_roles WHERE rolname = '$role') THEN
    ALTER ROLE $role LOGIN PASSWORD '$password';
  ELSE
    CREATE ROLE $role LOGIN PASSWORD '$password';
  END IF;
END
\$\$;
SQL
if [ -z "$(as_postgres -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$database'")" ]; then
  as_postgres -d postgres -c "CREATE DATABASE $database OWNER $role" >/dev/null
fi

# Prove the password login over TCP works before handing the string out.
PGPASSWORD=$password psql -X -q -h 127.0.0.1 -p "$port" -U "$role" -d "$database" -tAc "SELECT 1" >/dev/null

connection="Host=127.0.0.1;Port=$port;Database=$database;Username=$role;Password=$password"
printf "export SIMPLEIM_TEST_POSTGRES='%s'\n" "$connection" >"$env_file"
log "ready: PostgreSQL $version on 127.0.0.1:$port, database $database"
