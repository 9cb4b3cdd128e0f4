#!/usr/bin/env bash
# Stops the Podman API service started by scripts/podman-up.sh <folder>. Idempotent.
set -euo pipefail
dir=${1:?usage: podman-down.sh <folder>}
pidfile="$dir/podman.pid"
if [ -f "$pidfile" ]; then
  pid=$(cat "$pidfile")
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid"
    for _ in $(seq 1 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
  fi
  rm -f "$pidfile"
fi
rm -f "$dir/podman.sock"
