#!/usr/bin/env bash
# The control clients' own tests, each against the emulator jar this script starts (loopback, a free port):
#   clients/php     PHPUnit (Debian's phpunit; PHP 8.1+ with curl)
#   clients/node    node --test (Node 18+)
#   clients/python  python3 -m unittest (3.8+; pytest runs the same file)
# Each suite checks that every control endpoint its client calls is in the control API's OpenAPI document.
# A missing toolchain is reported as SKIPPED with the reason; a failing suite makes the script exit 1.
set -uo pipefail
cd "$(dirname "$0")/.."
JAR=${JAR:-emulator/target/b24-emulator.jar}
[ -f "$JAR" ] || { echo "clients: no $JAR (run mvn verify first)"; exit 1; }
LOG=$(mktemp /tmp/b24-clients.XXXXXX)
java -jar "$JAR" --port 0 --https-port -1 >"$LOG" 2>&1 &
EMULATOR=$!
trap 'kill "$EMULATOR" 2>/dev/null; wait "$EMULATOR" 2>/dev/null; rm -f "$LOG"' EXIT
for _ in $(seq 1 300); do
  URL=$(sed -n 's/^Bitrix24 telephony emulator on \(http[^ ]*\).*/\1/p' "$LOG")
  [ -n "$URL" ] && break
  kill -0 "$EMULATOR" 2>/dev/null || { cat "$LOG"; exit 1; }
  sleep 0.1
done
[ -n "$URL" ] || { echo "clients: the emulator did not start"; cat "$LOG"; exit 1; }
export B24_EMULATOR_URL=$URL
echo "clients: emulator at $URL"

declare -a SUMMARY=()
FAILED=0
suite() { # suite NAME TOOL DIR COMMAND...
  local name=$1 tool=$2 dir=$3 t0=$SECONDS
  shift 3
  if ! command -v "$tool" >/dev/null 2>&1; then
    SUMMARY+=("$(printf '%-8s SKIPPED (%s is not installed)' "$name" "$tool")")
    return
  fi
  echo "== $name client"
  if (cd "$dir" && "$@"); then
    SUMMARY+=("$(printf '%-8s ok      %4d s' "$name" $((SECONDS - t0)))")
  else
    SUMMARY+=("$(printf '%-8s FAILED  %4d s' "$name" $((SECONDS - t0)))")
    FAILED=$((FAILED + 1))
  fi
}
suite php phpunit clients/php phpunit
suite node node clients/node node --test test/
suite python python3 clients/python python3 -m unittest -v test_b24_emulator
echo "== control clients"
printf '%s\n' "${SUMMARY[@]}"
[ "$FAILED" = 0 ]
