#!/bin/sh
# Aerie's test game: a banner, a done line, then one command per stdin line.
# Commands: stop | long | bigflood N | blank | badutf8 | flood N | crash N | spawn | env NAME | anything else is echoed.
echo "Aerie test game booting"
if [ "${GAME_CRASH_AT_BOOT:-}" != "" ]; then
  echo "Server marked as Done soon"
  sleep "${GAME_CRASH_AT_BOOT}"
  echo "crashing at boot"
  exit 3
fi
echo "${GAME_DONE_LINE:-Done (0.42s)! For help, type help}"
while IFS= read -r line; do
  set -- $line
  case "$1" in
    stop) echo "Stopping the game"; exit 0 ;;
    long) head -c 71680 /dev/zero | tr '\0' 'x'; echo ;;
    blank) printf 'before\n\n\nafter\n' ;;
    crlf) printf 'dos line\r\n' ;;
    badutf8) printf 'bad \377\376 end\n' ;;
    flood) seq 1 "$2" | sed 's/^/flood /' ;;
    bigflood) head -c $(($2 * 60000)) /dev/zero | tr '\0' 'y' | fold -w 59999; echo; echo "bigflood done" ;;
    crash) echo "about to crash"; exit "$2" ;;
    spawn) sleep 1000 & echo "spawned $!" ;;
    pid) echo "pid $$" ;;
    env) eval "echo \"env $2=\${$2}\"" ;;
    *) echo "echo: $line" ;;
  esac
done
