#!/usr/bin/env bash
# The register rate of the emulator, WireMock standalone (static stub) and a bare Vert.x route under wrk, a C load
# generator far lighter than bench/run.sh's Java client: 2 threads, 16 connections, 5 s warm-up + 20 s measured,
# a new number on every register (so every request makes a new, never-finished call). Needs wrk (apt-get install wrk).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || { echo "wrk is not installed (Debian: apt-get install wrk)"; exit 2; }
[ -f emulator/target/b24-emulator.jar ] || mvn -B -ntp -q -DskipTests package
mkdir -p target/bench
[ -f target/bench/wiremock-standalone-3.13.2.jar ] || \
  mvn -B -ntp -q dependency:copy -Dartifact=org.wiremock:wiremock-standalone:3.13.2 -DoutputDirectory=target/bench
pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true' EXIT

measure() { # name url
  for _ in $(seq 100); do curl -s -o /dev/null "$2/" && break; sleep 0.1; done
  wrk -t2 -c16 -d5s -s bench/register.lua "$2" >/dev/null 2>&1
  echo "== $1"
  wrk -t2 -c16 -d20s --latency -s bench/register.lua "$2" 2>&1 | grep -E 'Requests/sec|  50%|  99%|Socket errors|Non-2xx|requests in'
  kill "${pids[-1]}"; wait "${pids[-1]}" 2>/dev/null || true
}

java -jar emulator/target/b24-emulator.jar --port 18080 --https-port -1 >/dev/null 2>&1 & pids+=($!)
sleep 2; measure emulator http://127.0.0.1:18080

java -jar target/bench/wiremock-standalone-3.13.2.jar --port 18081 --disable-banner >/dev/null 2>&1 & pids+=($!)
for _ in $(seq 100); do curl -s -o /dev/null http://127.0.0.1:18081/__admin/health && break; sleep 0.1; done
curl -s -o /dev/null -XPOST http://127.0.0.1:18081/__admin/mappings -d '{"request":{"method":"POST","url":"/rest/1/demo-token/telephony.externalcall.register"},"response":{"status":200,"headers":{"Content-Type":"application/json; charset=utf-8"},"body":"{\"result\":{\"CALL_ID\":\"externalCall.716f1cb73def9700a23842adf9c4c568.1773130779\",\"CRM_CREATED_LEAD\":null,\"CRM_CREATED_ENTITIES\":[],\"CRM_ENTITY_TYPE\":\"\",\"CRM_ENTITY_ID\":null}}"}}'
measure "WireMock (static stub)" http://127.0.0.1:18081

java -cp emulator/target/b24-emulator.jar bench/Bench.java bare-vertx 18082 >/dev/null 2>&1 & pids+=($!)
sleep 4; measure "bare Vert.x route" http://127.0.0.1:18082
