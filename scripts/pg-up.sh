#!/usr/bin/env bash
# Starts a throwaway PostgreSQL 15 cluster for tests and prints its connection string.
# usage: scripts/pg-up.sh <folder> [port]   (stop: scripts/pg-down.sh <folder>)
# PostgreSQL refuses to run as root, so the cluster runs as the `postgres` user.
set -euo pipefail
dir=${1:?folder}
port=${2:-55432}
bin=/usr/lib/postgresql/15/bin
if [ ! -x "$bin/initdb" ]; then
  apt-get -o DPkg::Lock::Timeout=600 update -qq && DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq postgresql-15 >/dev/null
fi
id postgres >/dev/null 2>&1 || useradd -r -m postgres
mkdir -p "$dir"
chmod o+x "$(dirname "$dir")"  # the postgres user must be able to reach the folder
chown postgres "$dir"
chmod 700 "$dir"
if [ ! -f "$dir/pg/PG_VERSION" ]; then
  su postgres -s /bin/sh -c "$bin/initdb -D '$dir/pg' -A trust -U postgres" >/dev/null
fi
su postgres -s /bin/sh -c "$bin/pg_ctl -D '$dir/pg' -o \"-p $port -k '$dir' -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=off\" -l '$dir/log' -w start" >/dev/null
echo "Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres;Include Error Detail=true"
