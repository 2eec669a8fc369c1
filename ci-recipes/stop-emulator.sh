#!/usr/bin/env bash
# Stops the container start-emulator.sh started (SIGTERM: the state file is saved), after printing its log, and
# removes it with its anonymous /data volume (each run without B24_EMULATOR_DATA left one behind).
#   B24_EMULATOR_NAME (b24-emulator), DOCKER (docker)
set -uo pipefail
DOCKER=${DOCKER:-docker}
NAME=${B24_EMULATOR_NAME:-b24-emulator}
"$DOCKER" logs "$NAME" 2>&1 | tail -50
"$DOCKER" stop -t 20 "$NAME" >/dev/null
"$DOCKER" rm -v "$NAME" >/dev/null # -v: its anonymous /data volume too (a bind mount stays)
