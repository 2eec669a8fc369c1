#!/usr/bin/env bash
# Run-test of bin/b24-emulator (called by .ci/run after the build): with the archive `mvn package` recorded beside the
# jar, the launcher maps it (-Xshare:on would refuse to start otherwise) and answers; for a jar without one, the first
# start answers and, stopped with SIGTERM, leaves its class-data archive in the cache, and the second start maps it
# and answers too; its JVM flags apply unless JAVA_OPTS gives others. Prints the times to the first REST 200 beside
# the plain `java -jar`'s.
set -euo pipefail
cd "$(dirname "$0")/.."
export XDG_CACHE_HOME
XDG_CACHE_HOME=$(mktemp -d)
trap 'rm -rf "$XDG_CACHE_HOME"' EXIT
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null || echo 18931)
url=http://127.0.0.1:$port/rest/1/demo-token/user.current

# first200 COMMAND...: starts it, waits for the first 200 (60 s at most), prints the milliseconds, stops it with SIGTERM
first200() {
  local t0 pid
  t0=$(date +%s%N)
  "$@" --port "$port" --https-port -1 >"$XDG_CACHE_HOME/out.log" 2>&1 &
  pid=$!
  for _ in $(seq 6000); do
    if curl -sf -o /dev/null "$url"; then
      echo $(( ($(date +%s%N) - t0) / 1000000 ))
      kill -TERM "$pid"; wait "$pid" 2>/dev/null || true
      return 0
    fi
    sleep 0.01
  done
  kill -KILL "$pid" 2>/dev/null || true
  echo "launcher: no answer within 60 s:" >&2; cat "$XDG_CACHE_HOME/out.log" >&2
  return 1
}
plain=$(first200 java -jar emulator/target/b24-emulator.jar)
[ -s emulator/target/b24-emulator.jsa ] || { echo "launcher: mvn package left no emulator/target/b24-emulator.jsa" >&2; exit 1; }
packaged=$(JAVA_OPTS=-Xshare:on first200 bin/b24-emulator)
[ ! -d "$XDG_CACHE_HOME/b24-emulator" ] || [ -z "$(ls -A "$XDG_CACHE_HOME/b24-emulator")" ] || \
  { echo "launcher: recorded an archive though the packaged one was there" >&2; exit 1; }
# its JVM flags apply, and JAVA_OPTS wins over them (the header of bin/b24-emulator says which replace which)
flag() { # FLAG JAVA_OPTS: the value the launched JVM has for a flag
  JAVA_OPTS="-XX:+PrintFlagsFinal $2" bin/b24-emulator --version | awk -v f="$1" '$2 == f {print $4}'
}
for expected in "UseParallelGC true" "GCTimeRatio 4" "InitialHeapSize 150994944" "MaxHeapSize 268435456" \
    "Tier4InvocationThreshold 15000" "Tier4BackEdgeThreshold 120000"; do
  set -- $expected
  [ "$(flag "$1" "")" = "$2" ] || { echo "launcher: $1 is $(flag "$1" ""), not $2" >&2; exit 1; }
done
[ "$(flag Tier4InvocationThreshold -XX:Tier4InvocationThreshold=5000)" = 5000 ] && [ "$(flag MaxHeapSize -Xmx128m)" = 134217728 ] \
  || { echo "launcher: JAVA_OPTS did not win over the launcher's flags" >&2; exit 1; }
# the time goal is the parallel collector's: another collector keeps its own (G1's is 12)
[ "$(flag GCTimeRatio -XX:+UseG1GC)" = 12 ] || { echo "launcher: G1 given in JAVA_OPTS got the parallel collector's GCTimeRatio" >&2; exit 1; }
# flags that only look like a collector keep the launcher's, and -Xmn and SurvivorRatio replace only themselves
[ "$(flag UseParallelGC "-XX:+UseStringDeduplication -XX:+DisableExplicitGC")" = true ] \
  || { echo "launcher: -XX:+UseStringDeduplication -XX:+DisableExplicitGC was taken for a collector" >&2; exit 1; }
[ "$(flag SurvivorRatio -Xmn64m)" = 2 ] && [ "$(flag NewSize -XX:SurvivorRatio=4)" = 33554432 ] \
  || { echo "launcher: -Xmn or -XX:SurvivorRatio in JAVA_OPTS dropped the other" >&2; exit 1; }
# a jar without a packaged archive beside it: the launcher records its own
export B24_EMULATOR_JAR=$XDG_CACHE_HOME/copy/b24-emulator.jar
mkdir -p "$XDG_CACHE_HOME/copy" && cp emulator/target/b24-emulator.jar "$B24_EMULATOR_JAR"
# archives of five earlier builds: recording a new one keeps the three newest of them
mkdir -p "$XDG_CACHE_HOME/b24-emulator"
for i in 1 2 3 4 5; do echo old > "$XDG_CACHE_HOME/b24-emulator/classes-old$i.jsa"; touch -d "-$i hours" "$XDG_CACHE_HOME/b24-emulator/classes-old$i.jsa"; done
first=$(first200 bin/b24-emulator)
archives=$(find "$XDG_CACHE_HOME/b24-emulator" -name '*.jsa' -size +1k | wc -l)
[ "$archives" = 1 ] || { echo "launcher: the first start left no class-data archive" >&2; exit 1; }
[ "$(ls "$XDG_CACHE_HOME/b24-emulator" | grep -c '^classes-old')" = 3 ] && [ ! -e "$XDG_CACHE_HOME/b24-emulator/classes-old5.jsa" ] \
  || { echo "launcher: the archives of earlier builds were not pruned to the three newest" >&2; ls -l "$XDG_CACHE_HOME/b24-emulator" >&2; exit 1; }
second=$(first200 bin/b24-emulator)
if grep -qi "error\|warning" "$XDG_CACHE_HOME/out.log"; then
  echo "launcher: the second start complained:" >&2; cat "$XDG_CACHE_HOME/out.log" >&2; exit 1
fi
echo "launcher: first REST 200 — plain java -jar ${plain} ms, launcher with the packaged archive ${packaged} ms;" \
  "a jar without one: first start ${first} ms (writes the archive), later starts ${second} ms"
