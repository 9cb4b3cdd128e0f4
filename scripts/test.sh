#!/usr/bin/env bash
# The whole test suite, on a fresh machine of this kind: installs what is missing (as root, through
# apt), starts a throwaway PostgreSQL cluster and a Podman Docker-API service in a temp folder, runs
# every test project, stops both, and ends with one line `N passed, N failed`.
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

need_apt=()
command -v chromium >/dev/null || need_apt+=(chromium)
command -v podman >/dev/null || need_apt+=(podman)
command -v runc >/dev/null || need_apt+=(runc)
[ -x /usr/bin/busybox ] || need_apt+=(busybox-static)
[ -x /usr/lib/postgresql/15/bin/initdb ] || need_apt+=(postgresql-15)
command -v npm >/dev/null || need_apt+=(nodejs npm)
# The process runtime's sandbox (tests run games in it, as production does); setpriv and prlimit are util-linux.
[ -x /usr/bin/bwrap ] || need_apt+=(bubblewrap)
[ -x /usr/bin/setpriv ] && [ -x /usr/bin/prlimit ] || need_apt+=(util-linux)
# The built-in Minetest template's game (Debian's package; minetest-data brings Minetest Game and devtest).
[ -x /usr/lib/minetest/minetestserver ] && [ -d /usr/share/games/minetest/games/minetest_game ] || need_apt+=(minetest-server minetest-data)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "== installing: ${need_apt[*]}"
  apt-get -o DPkg::Lock::Timeout=600 update -qq && DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq "${need_apt[@]}" >/dev/null || {
    echo "apt-get install failed"; exit 1; }
fi

work=$(mktemp -d /tmp/aerie-test.XXXXXX)
cleanup() {
  [ -x scripts/podman-down.sh ] && scripts/podman-down.sh "$work/podman" >/dev/null 2>&1
  scripts/pg-down.sh "$work/pg" >/dev/null 2>&1
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

echo "== starting PostgreSQL"
AERIE_TEST_PG=$(scripts/pg-up.sh "$work/pg" "${AERIE_TEST_PG_PORT:-55432}") || { echo "PostgreSQL did not start"; exit 1; }
export AERIE_TEST_PG
if [ -x scripts/podman-up.sh ]; then
  echo "== starting Podman (Docker Engine API)"
  AERIE_TEST_DOCKER_SOCKET=$(scripts/podman-up.sh "$work/podman" | tail -n 1) || { echo "Podman did not start"; exit 1; }
  export AERIE_TEST_DOCKER_SOCKET
fi
export AERIE_TEST_CHROMIUM=/usr/bin/chromium
# The shared spec fixtures (real eggs, a real Wings config.yml) sit beside the repository, not in it.
if [ -z "${AERIE_SHARED_FIXTURES:-}" ]; then
  for f in "$root/../shared/fixtures" /work/shared/fixtures; do
    [ -d "$f" ] && { AERIE_SHARED_FIXTURES=$(cd "$f" && pwd); break; }
  done
fi
[ -n "${AERIE_SHARED_FIXTURES:-}" ] && export AERIE_SHARED_FIXTURES
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

passed=0; failed=0; broken=0
count() { # adds the counts of a `dotnet test` / `node --test` summary in file $1
  local p f
  p=$(grep -Eo 'Passed: +[0-9]+' "$1" | awk '{s+=$2} END {print s+0}')
  f=$(grep -Eo 'Failed: +[0-9]+' "$1" | awk '{s+=$2} END {print s+0}')
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
}

echo "== building"
dotnet build Aerie.slnx -c Release >"$work/build.log" 2>&1
rc=$?
tail -n 5 "$work/build.log"
if [ $rc -ne 0 ]; then grep -E 'error' "$work/build.log" | sort -u | head -n 40; echo "0 passed, 1 failed"; exit 1; fi

if [ -f src/Aerie.Panel/Web/package.json ]; then
  echo "== web UI unit tests (node --test)"
  (cd src/Aerie.Panel/Web && npm test 2>&1) | tee "$work/web.log" | tail -n 15
  p=$(grep -Eo '^# pass [0-9]+' "$work/web.log" | grep -Eo '[0-9]+' | tail -n1)
  f=$(grep -Eo '^# fail [0-9]+' "$work/web.log" | grep -Eo '[0-9]+' | tail -n1)
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
  [ -z "$p" ] && broken=$((broken + 1))
fi

for proj in tests/*/*.csproj; do
  # The test kit (tests/Aerie.Testing) is a library the test projects reference, not tests to run.
  grep -q '<IsTestProject>true</IsTestProject>' "$proj" || continue
  name=$(basename "$proj" .csproj)
  echo "== $name"
  # A test that hangs is killed after 5 minutes (and named in the log); a project that hangs outside
  # a test is stopped after 30.
  timeout 30m dotnet test "$proj" -c Release --no-build --logger "console;verbosity=normal" \
    --blame-hang-timeout 5m --blame-hang-dump-type none >"$work/$name.log" 2>&1
  rc=$?
  # Each failure's name and the first lines of its message (CI shows only this summary).
  awk '/Error Message/ {n=5} n>0 {print; n--; next} /^[[:space:]]+(Failed|Skipped) Aerie\.|Passed!|Failed!|Total tests|No test is available/' "$work/$name.log" | head -n 120
  before=$((passed + failed))
  count "$work/$name.log"
  if [ $rc -ne 0 ] && [ $((passed + failed)) -eq $before ]; then
    echo "$name did not run (exit $rc):"; tail -n 40 "$work/$name.log"; broken=$((broken + 1))
  fi
done

echo "== code style (dotnet format --verify-no-changes)"
if dotnet format Aerie.slnx --verify-no-changes --no-restore >"$work/format.log" 2>&1; then
  passed=$((passed + 1))
else
  tail -n 20 "$work/format.log"; failed=$((failed + 1))
fi

failed=$((failed + broken))
echo "== took ${SECONDS}s"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
