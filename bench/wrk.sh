#!/usr/bin/env bash
# The emulator beside WireMock standalone (static stubs) and a bare Vert.x route under wrk, a C load generator far
# lighter than bench/run.sh's Java client: 2 threads, 16 connections, 30 s warm-up + 20 s measured per load, two loads:
# - register.lua: telephony.externalcall.register alone, a new number on every request (never-finished calls pile up);
# - cycle.lua: register → finish → search, each thread finishing the calls it registered (state stays bounded).
# The emulator runs as users start it (bin/b24-emulator: its class-data archive, parallel collector, 256 MiB heap), the
# bare route with the same JVM flags (the ceiling of this stack), WireMock as its users start it (plain java -jar).
# ROUNDS=3 (default) runs everything that many times and prints each round's figures, then the median ratio and its
# spread (min–max over the rounds). Socket errors (connections closed without an answer, timeouts) are counted.
# The warm-up is run as 5 s windows whose rates are kept and printed as a second table: the early windows are what a
# short test suite meets (a JVM server still interpreting and compiling), the measured run what a long one meets.
# WARMUP_SECONDS (default 30, a multiple of 5): the emulator's rate climbs for 15-20 s of load (its C2 compiler works
# for 10-15 s, 3-6 s of CPU on two cores) and WireMock's for 40 s or more, so the earlier 5 s mixed both servers'
# warm-up into their measured rates, WireMock's most; WARMUP_SECONDS=5 gives that figure again.
# Each measured run also gives the server's CPU time per request (user + system, from /proc/PID/stat over that run),
# which moves less with the machine's speed than the rates do and says where a server's time goes against the others.
# Needs wrk (apt-get install wrk).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || { echo "wrk is not installed (Debian: apt-get install wrk)"; exit 2; }
[ -f emulator/target/b24-emulator.jar ] || mvn -B -ntp -q -DskipTests package
mkdir -p target/bench
[ -f target/bench/wiremock-standalone-3.13.2.jar ] || \
  mvn -B -ntp -q dependency:copy -Dartifact=org.wiremock:wiremock-standalone:3.13.2 -DoutputDirectory=target/bench
rounds=${ROUNDS:-3}
seconds=${SECONDS_PER_LOAD:-20}
warmup=${WARMUP_SECONDS:-30}
(( warmup >= 5 && warmup % 5 == 0 )) || { echo "WARMUP_SECONDS must be a multiple of 5 (got $warmup)" >&2; exit 2; }
results=target/bench/wrk-results.txt
: > "$results"
pid=
trap '[ -z "$pid" ] || kill "$pid" 2>/dev/null || true' EXIT

wait_for() { for _ in $(seq 600); do curl -s -o /dev/null "$1" && return 0; sleep 0.1; done; echo "no answer at $1" >&2; exit 1; }

# the CPU time the server has used, in clock ticks (user + system: fields 14 and 15 of /proc/PID/stat)
ticks() { awk '{print $14 + $15}' "/proc/$pid/stat"; }

# load ROUND SERVER SCRIPT URL: warm-up windows, measured run; appends to $results
# "round server script rate p50 p99 errors non2xx cpu-us-per-request warm-up-rate..." (one rate per 5 s window)
load() {
  local out rate p50 p99 errors non2xx cpu before warm=""
  for _ in $(seq $((warmup / 5))); do
    warm="$warm $(wrk -t2 -c16 -d5s -s "bench/$3" "$4" 2>&1 | awk '/Requests\/sec/ {print $2; found=1} END {if (!found) print 0}')"
  done
  before=$(ticks)
  out=$(wrk -t2 -c16 -d"${seconds}s" --latency -s "bench/$3" "$4" 2>&1)
  cpu=$(awk -v b="$before" -v a="$(ticks)" -v hz="$(getconf CLK_TCK)" \
    '/requests in/ {printf "%.1f", (a - b) / hz * 1e6 / $1}' <<<"$out")
  rate=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1=="50%" {print $2}' <<<"$out")
  p99=$(awk '$1=="99%" {print $2}' <<<"$out")
  errors=$(awk '/Socket errors/ {gsub(",", ""); print $4+$6+$8+$10; found=1} END {if (!found) print 0}' <<<"$out")
  non2xx=$(awk '/Non-2xx/ {print $5; found=1} END {if (!found) print 0}' <<<"$out")
  echo "$1 $2 $3 $rate $p50 $p99 $errors $non2xx $cpu$warm" | tee -a "$results"
}

stub() { # method
  curl -s -o /dev/null -XPOST http://127.0.0.1:18081/__admin/mappings -d '{"request":{"method":"'"$2"'","urlPath":"/rest/1/demo-token/'"$1"'"},"response":{"status":200,"headers":{"Content-Type":"application/json; charset=utf-8"},"body":"{\"result\":{\"CALL_ID\":\"externalCall.716f1cb73def9700a23842adf9c4c568.1773130779\",\"CRM_CREATED_LEAD\":null,\"CRM_CREATED_ENTITIES\":[],\"CRM_ENTITY_TYPE\":\"\",\"CRM_ENTITY_ID\":null}}"}}'
}

echo "round server script requests/s p50 p99 socket-errors non-2xx cpu-us-per-request warm-up-windows(requests/s per 5 s)"
for round in $(seq "$rounds"); do
  for script in register.lua cycle.lua; do
    bin/b24-emulator --port 18080 --https-port -1 >/dev/null 2>&1 & pid=$!
    wait_for http://127.0.0.1:18080/rest/1/demo-token/user.current
    load "$round" emulator "$script" http://127.0.0.1:18080
    kill "$pid"; wait "$pid" 2>/dev/null || true

    java -jar target/bench/wiremock-standalone-3.13.2.jar --port 18081 --disable-banner --root-dir target/bench/wiremock-root >/dev/null 2>&1 & pid=$!
    wait_for http://127.0.0.1:18081/__admin/health
    stub telephony.externalcall.register POST; stub telephony.externalcall.finish POST
    stub telephony.externalcall.searchCrmEntities GET
    load "$round" wiremock "$script" http://127.0.0.1:18081
    kill "$pid"; wait "$pid" 2>/dev/null || true

    java -XX:+UseParallelGC -XX:GCTimeRatio=4 -Xms144m -Xmx256m -Xmn32m -XX:SurvivorRatio=2 -XX:MaxTenuringThreshold=2 \
      -XX:Tier4InvocationThreshold=15000 -XX:Tier4MinInvocationThreshold=1800 -XX:Tier4CompileThreshold=45000 \
      -XX:Tier4BackEdgeThreshold=120000 -cp emulator/target/b24-emulator.jar bench/Bench.java bare-vertx 18082 >/dev/null 2>&1 & pid=$!
    wait_for http://127.0.0.1:18082/
    load "$round" bare "$script" http://127.0.0.1:18082
    kill "$pid"; wait "$pid" 2>/dev/null || true
  done
done
pid=

python3 - "$results" "$warmup" "$seconds" <<'PY'
import statistics, sys
rows = [line.split() for line in open(sys.argv[1]) if line.strip()]
def ms(text):  # wrk prints 812.00us, 1.23ms, 1.01s
    for unit, factor in (("us", 0.001), ("ms", 1.0), ("s", 1000.0)):
        if text.endswith(unit):
            return float(text[:-len(unit)]) * factor
    return float(text)
LOADS = (("register.lua", "register alone"), ("cycle.lua", "register → finish → search"))
def by_server(script):  # each server's rows for one load, in round order
    return {s: [r for r in rows if r[1] == s and r[2] == script] for s in ("emulator", "wiremock", "bare")}
print()
print("| under wrk (median of %d rounds; min–max; measured %s s after a %s s warm-up) | emulator | WireMock 3.13.2 (static stubs) | bare Vert.x route | emulator / WireMock | emulator / bare Vert.x |" % (len({r[0] for r in rows}), sys.argv[3], sys.argv[2]))
print("|---|---|---|---|---|---|")
for script, name in LOADS:
    by = by_server(script)
    rate = {s: [float(r[3]) for r in by[s]] for s in by}
    def ratios(other):
        return [float(e[3]) / float(o[3]) for e, o in zip(by["emulator"], by[other])]
    def cell(values, fmt):
        return (fmt % statistics.median(values)) + " (" + (fmt % min(values)) + "–" + (fmt % max(values)) + ")"
    print("| %s, requests/s | %s | %s | %s | %s | %s |" % (name, cell(rate["emulator"], "%.0f"), cell(rate["wiremock"], "%.0f"),
          cell(rate["bare"], "%.0f"), cell(ratios("wiremock"), "%.2f×"), cell(ratios("bare"), "%.2f×")))
    p = {s: ([ms(r[4]) for r in by[s]], [ms(r[5]) for r in by[s]]) for s in by}
    print("| %s, p50 / p99 | %s / %s ms | %s / %s ms | %s / %s ms | | |" % (name, *[x for s in ("emulator", "wiremock", "bare")
          for x in ("%.2f" % statistics.median(p[s][0]), cell(p[s][1], "%.1f"))]))
    cpu = {s: [float(r[8]) for r in by[s]] for s in by}
    print("| %s, server CPU per request (user + system) | %s µs | %s µs | %s µs | %s | %s |" % (name, cell(cpu["emulator"], "%.1f"),
          cell(cpu["wiremock"], "%.1f"), cell(cpu["bare"], "%.1f"),
          cell([e / w for e, w in zip(cpu["emulator"], cpu["wiremock"])], "%.2f×"),
          cell([e / b for e, b in zip(cpu["emulator"], cpu["bare"])], "%.2f×")))
    errors = {s: sum(int(r[6]) for r in by[s]) for s in by}
    non2xx = {s: sum(int(r[7]) for r in by[s]) for s in by}
    print("| %s, socket errors / non-2xx answers (all rounds) | %d / %d | %d / %d | %d / %d | | |" % (name,
          errors["emulator"], non2xx["emulator"], errors["wiremock"], non2xx["wiremock"], errors["bare"], non2xx["bare"]))
# the warm-up curve: what a short test suite sees (a JVM server still interpreting and compiling) before the above
windows = len(rows[0]) - 9
warmup, seconds = int(sys.argv[2]), int(sys.argv[3])
for script, name in LOADS:
    by = by_server(script)
    rates = {s: [[float(x) for x in r[9:]] + [float(r[3])] for r in by[s]] for s in by}
    print()
    print("| %s: requests/s by seconds of load since the start (median of %d rounds) | %s | %d–%d (measured) |" % (name,
          len(by["emulator"]), " | ".join("%d–%d" % (5 * w, 5 * w + 5) for w in range(windows)), warmup, warmup + seconds))
    print("|---" * (windows + 2) + "|")
    for server, label in (("emulator", "emulator"), ("wiremock", "WireMock"), ("bare", "bare Vert.x route")):
        print("| %s | %s |" % (label, " | ".join("%.0f" % statistics.median(r[w] for r in rates[server])
              for w in range(windows + 1))))
    for other, label in (("wiremock", "emulator / WireMock"), ("bare", "emulator / bare")):
        print("| %s | %s |" % (label, " | ".join("%.2f×" % statistics.median(e[w] / o[w] if o[w] else 0
              for e, o in zip(rates["emulator"], rates[other])) for w in range(windows + 1))))
PY
