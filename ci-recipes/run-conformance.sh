#!/usr/bin/env bash
# Runs the conformance kit against an integration, on the emulator start-emulator.sh started:
#   ci-recipes/run-conformance.sh conformance.yaml [REPORT_DIR]
# Reads B24_EMULATOR_URL and B24_EMULATOR_CONTROL_TOKEN (from start-emulator.sh); KIT_JAR is the kit
# (default client-conformance/target/b24-conformance.jar). Writes report.html, report.json and junit.xml (one test per
# rule and per scenario, for the CI's test report) to REPORT_DIR (default target/conformance). Exits with the kit's
# code: 0 passed, 1 findings, 2 a bad config or setup (no config given, no kit jar, no B24_EMULATOR_URL: a CI step
# must not read these as the integration's findings), 3 the emulator could not be reached.
set -euo pipefail
setup() { echo "run-conformance.sh: $*" >&2; exit 2; }
[ $# -ge 1 ] || setup "usage: run-conformance.sh conformance.yaml [REPORT_DIR]"
CONFIG=$1
REPORT=${2:-target/conformance}
KIT_JAR=${KIT_JAR:-client-conformance/target/b24-conformance.jar}
[ -f "$KIT_JAR" ] || setup "no conformance kit at $KIT_JAR (set KIT_JAR; the kit is client-conformance/target/b24-conformance.jar of this project's build)"
[ -n "${B24_EMULATOR_URL:-}" ] || setup "B24_EMULATOR_URL is not set: start the emulator first: eval \"\$(ci-recipes/start-emulator.sh)\""
exec java -jar "$KIT_JAR" --config "$CONFIG" --emulator "$B24_EMULATOR_URL" --report "$REPORT"
