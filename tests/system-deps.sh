#!/usr/bin/env bash
# What `npm test` needs from the system besides npm packages, checked before vitest starts:
# Chromium (browser tests), nginx (tests/e2e/nginx.test.ts), pg_dump/pg_restore 15 (backup tests)
# and the PostgreSQL 15 server (the integration suite against Debian's server, tests/with-debian-postgres.sh).
# As root with apt-get it installs what is missing, showing apt's progress; otherwise it stops at
# once with one line saying what to run.
set -u
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
[ -x /usr/sbin/nginx ] || missing+=(nginx)
[ -x /usr/lib/postgresql/15/bin/pg_dump ] || missing+=(postgresql-client-15)
[ -x /usr/lib/postgresql/15/bin/initdb ] || missing+=(postgresql-15)
[ ${#missing[@]} -eq 0 ] && exit 0

command_line="apt-get update && apt-get install -y ${missing[*]}"
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Instalando lo que las pruebas necesitan del sistema: ${missing[*]} …"
  if apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y "${missing[@]}"; then exit 0; fi
  echo "No se pudo instalar ${missing[*]}: ejecuta «sudo sh -c '$command_line'» y vuelve a correr npm test." >&2
  exit 1
fi
echo "Faltan programas del sistema para las pruebas (${missing[*]}): ejecuta «sudo sh -c '$command_line'» y vuelve a correr npm test." >&2
exit 1
