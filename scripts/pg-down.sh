#!/usr/bin/env bash
# Stops and removes a cluster started by scripts/pg-up.sh.
set -uo pipefail
dir=${1:?folder}
su postgres -s /bin/sh -c "/usr/lib/postgresql/15/bin/pg_ctl -D '$dir/pg' -m fast stop" >/dev/null 2>&1
rm -rf "$dir"
