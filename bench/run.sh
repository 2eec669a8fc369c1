#!/usr/bin/env bash
# The benchmark of the README: the emulator beside WireMock standalone and a bare Vert.x route, one run, one machine.
# Knobs (system properties): -Dconcurrency=16 -Dseconds=20 -DfinishedCalls=1000000 -DsoakSeconds=600 -DsearchEntities=100000 -DstatisticCalls=100000 -DemulatorHeap=256m
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f emulator/target/b24-emulator.jar ] || mvn -B -ntp -q -DskipTests package
mkdir -p target/bench
# "bench/run.sh profile [knobs]": only the emulator under the cycle load, with Java Flight Recorder, and its hot methods
# "bench/run.sh statistics [knobs]": only voximplant.statistic.get over -DstatisticCalls finished calls
# "bench/run.sh search [knobs]": only searchCrmEntities over a seed of -DsearchEntities contacts (launcher's flags)
# "bench/run.sh security [knobs]": only a 1 MiB a[]= body decoded, and the cycle rate with --fsync always
# "bench/run.sh inprocess [-Dportals=N -DlaterStarts=N]": Bitrix24Emulator.start (first, then later ones) and close
#   beside WireMockServer.start() and stop(), each server in a fresh JVM of its own, and a fresh portal per test by
#   the embedding API and by the control API (p50 / p99)
# "bench/run.sh transport [-Dseconds=N]": the Java load generator's lost answers, by root cause (emulator, bare route)
# "bench/run.sh startup": only the start-up rows (plain java -jar, bin/b24-emulator, WireMock, the bare route)
mode=measure
case "${1:-}" in profile|statistics|search|security|inprocess|startup|transport) mode=$1; shift ;; esac
[ "$mode" = statistics ] || [ "$mode" = search ] || [ "$mode" = security ] || [ -f target/bench/wiremock-standalone-3.13.2.jar ] || \
  mvn -B -ntp -q dependency:copy -Dartifact=org.wiremock:wiremock-standalone:3.13.2 -DoutputDirectory=target/bench
java "$@" -cp emulator/target/b24-emulator.jar:target/bench/wiremock-standalone-3.13.2.jar bench/Bench.java \
  target/bench/wiremock-standalone-3.13.2.jar "$mode"
