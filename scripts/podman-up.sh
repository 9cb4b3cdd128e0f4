#!/usr/bin/env bash
# Serves a Docker Engine API (v1.41-compatible) from Podman on a unix socket and prints its path.
# usage: scripts/podman-up.sh <folder>   (stop: scripts/podman-down.sh <folder>)
# Idempotent: installs podman/runc/busybox-static when missing, writes containers.conf only when it
# differs, reuses a running service, builds localhost/aerie-test:1 when missing. Runs as root.
# Why the config: crun fails on this kind of host ("cgroups in hybrid mode"), and without
# CAP_SYS_RESOURCE Podman's default rlimits make every container start fail; k8s-file logs are what
# the docker runtime follows and resumes the console from (journald needs a running journal), capped at
# 16 MiB per container because Podman scans the whole file on every console read; see docs/docker.md.
set -euo pipefail
dir=${1:?usage: podman-up.sh <folder>}
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
sock="$dir/podman.sock"
pidfile="$dir/podman.pid"

missing=()
command -v podman >/dev/null 2>&1 || missing+=(podman)
command -v runc >/dev/null 2>&1 || missing+=(runc)
# The test image needs the static busybox (the dynamic one would find no libc inside the image).
dpkg-query -W -f='${Status}' busybox-static 2>/dev/null | grep -q 'install ok installed' || missing+=(busybox-static)
if [ ${#missing[@]} -gt 0 ]; then
  apt-get -o DPkg::Lock::Timeout=600 update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq "${missing[@]}" >&2
fi

conf=/etc/containers/containers.conf
wanted='[containers]
default_ulimits = ["nofile=20000:20000", "nproc=32768:32768"]
log_driver = "k8s-file"
log_size_max = 16777216
[engine]
runtime = "runc"'
conf_changed=0
if [ ! -f "$conf" ] || [ "$(cat "$conf")" != "$wanted" ]; then
  mkdir -p /etc/containers
  [ -f "$conf" ] && cp "$conf" "$conf.aerie-backup"
  printf '%s\n' "$wanted" > "$conf"
  conf_changed=1
fi

answers() { curl -sf --max-time 2 --unix-socket "$sock" http://d/v1.41/version >/dev/null 2>&1; }

# A service of ours started with an older config is restarted so the config applies.
if [ "$conf_changed" = 1 ] && answers && [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
  kill "$(cat "$pidfile")"
  for _ in $(seq 1 20); do answers || break; sleep 0.25; done
fi

if ! answers; then
  if [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
    kill "$(cat "$pidfile")" 2>/dev/null || true
    sleep 1
  fi
  rm -f "$sock"
  setsid podman system service --time=0 "unix://$sock" >"$dir/podman.log" 2>&1 < /dev/null &
  echo $! > "$pidfile"
  for _ in $(seq 1 60); do
    answers && break
    sleep 0.5
  done
  answers || { echo "podman service did not answer on $sock within 30 s; see $dir/podman.log" >&2; exit 1; }
fi

"$here/build-test-image.sh" >&2
echo "$sock"
