#!/usr/bin/env bash
# Runs a command (e.g. the integration suite) against a throw-away PostgreSQL 15 server from
# Debian's packages instead of the embedded one: its own cluster (initdb) in a temporary folder,
# started with pg_ctl as the postgres user on a free port, password login over TCP, reached only
# through TEST_DATABASE_URL (tests/helpers/global-setup.ts). Stopped and removed at the end.
#   bash tests/with-debian-postgres.sh npx vitest run --project int
set -uo pipefail
BIN=/usr/lib/postgresql/15/bin
if [ ! -x "$BIN/initdb" ]; then
  echo "Falta el servidor PostgreSQL 15 de Debian: ejecuta «sudo apt-get install -y postgresql-15»." >&2
  exit 1
fi

dir=$(mktemp -d /tmp/viaje-debian-pg-XXXXXX)
chmod 755 "$dir"
password=$(node -e 'console.log(require("crypto").randomBytes(12).toString("hex"))')
printf '%s\n' "$password" > "$dir/pw"
as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
[ "$(id -u)" = 0 ] && chown postgres "$dir" "$dir/pw"
port=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')

stop() {
  as_postgres "$BIN/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1
  rm -rf "$dir"
}
trap stop EXIT

echo "PostgreSQL 15 de Debian ($BIN) en 127.0.0.1:$port, datos en $dir/data"
as_postgres "$BIN/initdb" -D "$dir/data" -U postgres -E UTF8 --locale=C.UTF-8 --auth-local=trust --auth-host=scram-sha-256 --pwfile="$dir/pw" >"$dir/initdb.log" 2>&1 \
  || { cat "$dir/initdb.log" >&2; exit 1; }
as_postgres "$BIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
  -o "-p $port -c listen_addresses=127.0.0.1 -c unix_socket_directories=$dir -c max_connections=200" start >/dev/null \
  || { cat "$dir/server.log" >&2; exit 1; }

export TEST_DATABASE_URL="postgres://postgres:$password@127.0.0.1:$port/postgres"
"$@"
