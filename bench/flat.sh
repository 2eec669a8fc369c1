#!/usr/bin/env bash
# Whether the emulator's memory stays flat under long loads of different shapes: each load runs against a fresh
# bin/b24-emulator (its default flags, 256 MiB heap) under wrk (2 threads, 16 connections) for SECONDS_PER_LOAD
# (default 120) s, and the collector's log gives the old generation left after each full collection: what the
# emulator keeps. A store that grows with every call shows as a rising series (two leaks in the call cards were found
# this way on 2026-12-04); a flat one levels off once the bounds are reached. Loads (bench/*.lua):
# - cycle.lua: register -> finish -> search;
# - shown.lua: register -> show to three users -> finish (the cards left shown to the others, D86);
# - records.lua: register with CRM_CREATE -> finish -> attachRecord -> attachTranscription (CRM objects, records,
#   transcripts at their bounds).
# LOADS="cycle.lua shown.lua" picks some. Prints one line a load: requests/s, p99, socket errors, non-2xx answers,
# the old generation after full collections (first, the quarter marks, last) and RSS at the end. Needs wrk.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || { echo "wrk is not installed (Debian: apt-get install wrk)"; exit 2; }
[ -f emulator/target/b24-emulator.jar ] || mvn -B -ntp -q -DskipTests package
mkdir -p target/bench
seconds=${SECONDS_PER_LOAD:-120}
pid=
trap '[ -z "$pid" ] || kill "$pid" 2>/dev/null || true' EXIT
echo "| load | requests/s | p99 | socket errors / non-2xx | old generation after full collections, MB (first, ¼, ½, ¾, last of n) | RSS at the end |"
echo "|---|---|---|---|---|---|"
for script in ${LOADS:-cycle.lua shown.lua records.lua}; do
  log=target/bench/flat-${script%.lua}-gc.log
  JAVA_OPTS="${JAVA_OPTS:-} -Xlog:gc:file=$log" bin/b24-emulator --port 18080 --https-port -1 >/dev/null 2>&1 & pid=$!
  for _ in $(seq 600); do curl -s -o /dev/null http://127.0.0.1:18080/rest/1/demo-token/user.current && break; sleep 0.1; done
  out=$(wrk -t2 -c16 -d"${seconds}s" --latency -s "bench/$script" http://127.0.0.1:18080 2>&1)
  rss=$(awk '/VmRSS/ {printf "%.0f MiB", $2 / 1024}' /proc/"$pid"/status)
  kill "$pid"; wait "$pid" 2>/dev/null || true; pid=
  rate=$(awk '/Requests\/sec/ {printf "%.0f", $2}' <<<"$out")
  p99=$(awk '$1=="99%" {print $2}' <<<"$out")
  errors=$(awk '/Socket errors/ {gsub(",", ""); print $4+$6+$8+$10; found=1} END {if (!found) print 0}' <<<"$out")
  non2xx=$(awk '/Non-2xx/ {print $5; found=1} END {if (!found) print 0}' <<<"$out")
  # "[12.3s][info][gc] GC(7) Pause Full (Ergonomics) 157M->14M(158M) 30.1ms": the 14
  series=$(awk '/Pause Full/ {for (i = 1; i <= NF; i++) if ($i ~ /->/) {split($i, a, "->"); sub(/M.*/, "", a[2]); print a[2]}}' "$log")
  old=$(awk '{v[NR] = $1} END {if (NR == 0) {print "no full collection"; exit}
             printf "%s, %s, %s, %s, %s of %d", v[1], v[int(NR / 4) + 1], v[int(NR / 2) + 1], v[int(3 * NR / 4) + 1], v[NR], NR}' <<<"$series")
  echo "| $script | $rate | $p99 | $errors / $non2xx | $old | $rss |"
done
