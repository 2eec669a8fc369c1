#!/usr/bin/env bash
# Runs the conformance kit against an integration, on the emulator start-emulator.sh started:
#   ci-recipes/run-conformance.sh conformance.yaml [REPORT_DIR]
# Reads B24_EMULATOR_URL and B24_EMULATOR_CONTROL_TOKEN (from start-emulator.sh); KIT_JAR is the kit
# (default client-conformance/target/b24-conformance.jar). Writes report.html, report.json and junit.xml (one test per
# rule and per scenario, for the CI's test report) to REPORT_DIR (default target/conformance). Exits with the kit's
# code: 0 passed, 1 findings, 2 a bad config, 3 the emulator could not be reached.
set -euo pipefail
CONFIG=${1:?usage: run-conformance.sh conformance.yaml [REPORT_DIR]}
REPORT=${2:-target/conformance}
KIT_JAR=${KIT_JAR:-client-conformance/target/b24-conformance.jar}
: "${B24_EMULATOR_URL:?start the emulator first: eval \"\$(ci-recipes/start-emulator.sh)\"}"
exec java -jar "$KIT_JAR" --config "$CONFIG" --emulator "$B24_EMULATOR_URL" --report "$REPORT"
