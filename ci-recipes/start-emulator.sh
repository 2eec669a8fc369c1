#!/usr/bin/env bash
# Starts the emulator's container image for a CI job, waits until it answers, and says where it is:
#   B24_EMULATOR_URL            http://127.0.0.1:8080 (the control API and REST)
#   B24_EMULATOR_CONTROL_TOKEN  the control token (X-Emulator-Token)
#   B24_WEBHOOK_URL             the default portal's incoming webhook, ending in a slash
#   B24_HOOK                    the same over HTTPS (the official JS SDK's tests read B24_HOOK; not with HTTPS off)
#   BITRIX24_WEBHOOK            the same, for the PHP SDKs' integration tests
#   B24_EMULATOR_CERT           the self-signed certificate to trust for HTTPS (when B24_EMULATOR_DATA is set)
# as export lines on stdout, and also as lines of $GITHUB_ENV and $GITHUB_OUTPUT (GitHub Actions) when those are set:
#   eval "$(ci-recipes/start-emulator.sh)"
# It fails (exit 1, with the reason and the container's log) when the ports already answer (another emulator or
# server: its webhook would not be this one's), when the container stops, or when it is not up within 120 s; a
# container that failed is removed, so the next try can use the name.
#
# Input (environment, all optional): B24_EMULATOR_IMAGE (b24emu/emulator:latest), B24_EMULATOR_NAME (b24-emulator),
# B24_EMULATOR_PORT (8080), B24_EMULATOR_HTTPS_PORT (8443; -1 for none), B24_EMULATOR_CONTROL_TOKEN and B24_EMULATOR_WEBHOOK_TOKEN
# (random when unset), B24_EMULATOR_NETWORK (host, the default: the emulator reaches the job's handlers on 127.0.0.1;
# or bridge: ports published on 127.0.0.1), B24_EMULATOR_DATA (a host directory for /data: state file and TLS),
# DOCKER (the client, default docker). Every other B24_EMULATOR_* option of the jar is passed through.
set -euo pipefail

DOCKER=${DOCKER:-docker}
IMAGE=${B24_EMULATOR_IMAGE:-b24emu/emulator:latest}
NAME=${B24_EMULATOR_NAME:-b24-emulator}
PORT=${B24_EMULATOR_PORT:-8080}
HTTPS_PORT=${B24_EMULATOR_HTTPS_PORT:-8443}
NETWORK=${B24_EMULATOR_NETWORK:-host}
random() { od -An -N16 -tx1 /dev/urandom | tr -d ' \n'; }
CONTROL_TOKEN=${B24_EMULATOR_CONTROL_TOKEN:-$(random)}
WEBHOOK_TOKEN=${B24_EMULATOR_WEBHOOK_TOKEN:-$(random)}
URL=http://127.0.0.1:$PORT

fail() { # fail MESSAGE: says why, shows the container's log, removes the container
  echo "$1; the emulator's log:" >&2
  "$DOCKER" logs "$NAME" >&2 || true
  "$DOCKER" rm -f "$NAME" >/dev/null 2>&1 || true
  exit 1
}
# curl's exit code 7 is "nothing listens there"; anything else (an answer, a reset, a timeout) is somebody's port
for taken in "$URL" "https://localhost:$HTTPS_PORT"; do
  [ "$taken" = "https://localhost:-1" ] && continue
  code=0; curl -sk -m 2 -o /dev/null "$taken/" || code=$?
  if [ "$code" != 7 ]; then
    echo "Something already listens at $taken (another emulator or server: its webhook would not be this one's);" \
      "stop it, or choose other ports with B24_EMULATOR_PORT and B24_EMULATOR_HTTPS_PORT" >&2
    exit 1
  fi
done
# the project's own name is never pulled: no registry hosts it, and Docker Hub would hand over whatever anyone put
# there under that name
if [ "$IMAGE" = b24emu/emulator:latest ] && ! "$DOCKER" image inspect "$IMAGE" >/dev/null 2>&1; then
  echo "No image $IMAGE on this docker host: build it with container/build.sh (it is in no registry; set" \
    "B24_EMULATOR_IMAGE to your registry's copy to pull one)" >&2
  exit 1
fi
# another job's container of the same name (parallel jobs on one docker host): said, and left alone
if "$DOCKER" container inspect "$NAME" >/dev/null 2>&1; then
  echo "A container named $NAME already exists (another job's emulator?): give each parallel job its own" \
    "B24_EMULATOR_NAME and ports, or remove it with ci-recipes/stop-emulator.sh" >&2
  exit 1
fi

args=(run -d --name "$NAME" -e "B24_EMULATOR_CONTROL_TOKEN=$CONTROL_TOKEN" -e "B24_EMULATOR_WEBHOOK_TOKEN=$WEBHOOK_TOKEN")
# the jar's other options, as the job set them (B24_EMULATOR_SEED, _VALIDATION, _STATE_SAVE_SECONDS, ...)
while IFS='=' read -r variable _; do
  case $variable in
    B24_EMULATOR_IMAGE|B24_EMULATOR_NAME|B24_EMULATOR_NETWORK|B24_EMULATOR_DATA|B24_EMULATOR_PORT|B24_EMULATOR_HTTPS_PORT|B24_EMULATOR_CONTROL_TOKEN|B24_EMULATOR_WEBHOOK_TOKEN|B24_EMULATOR_URL|B24_EMULATOR_CERT) ;;
    B24_EMULATOR_*) args+=(-e "$variable") ;;
  esac
done < <(env)
if [ "$NETWORK" = host ]; then
  args+=(--network host -e "B24_EMULATOR_PORT=$PORT" -e "B24_EMULATOR_HTTPS_PORT=$HTTPS_PORT")
else
  args+=(-p "127.0.0.1:$PORT:8080")
  if [ "$HTTPS_PORT" = -1 ]; then args+=(-e B24_EMULATOR_HTTPS_PORT=-1); else args+=(-p "127.0.0.1:$HTTPS_PORT:8443"); fi
fi
if [ -n "${B24_EMULATOR_DATA:-}" ]; then
  mkdir -p "$B24_EMULATOR_DATA"
  # the image runs as uid 1000: give it the directory, or run it as the job's own user
  if [ "$(id -u)" = 0 ]; then chown 1000:1000 "$B24_EMULATOR_DATA"; else args+=(--user "$(id -u):$(id -g)"); fi
  args+=(-v "$(cd "$B24_EMULATOR_DATA" && pwd):/data")
fi
"$DOCKER" "${args[@]}" "$IMAGE" >/dev/null

started=$SECONDS
running() { [ "$("$DOCKER" inspect -f '{{.State.Running}}' "$NAME" 2>/dev/null)" = true ]; }
up() { # up URL: waits until the control API answers there, while the container runs
  until curl -sfk -m 2 -o /dev/null -H "X-Emulator-Token: $CONTROL_TOKEN" "$1/_emulator/health"; do
    running || fail "The emulator stopped before $1 answered"
    [ $((SECONDS - started)) -le 120 ] || fail "$1 did not answer within 120 s"
    sleep 0.2
  done
}
up "$URL"
# HTTPS follows a few seconds later (the certificate is made at the first start): B24_HOOK works once this returns
[ "$HTTPS_PORT" = -1 ] || up "https://localhost:$HTTPS_PORT"
# what answered must be this container: the default portal's webhook has the token no other server knows, and the
# user the emulator chose (--webhook-user, or a seed's first user)
portal=$(curl -sf -m 5 -H "X-Emulator-Token: $CONTROL_TOKEN" "$URL/_emulator/portals/default" || true)
user=$(sed -n "s|.*\"webhookUrl\":\"[^\"]*/rest/\([0-9]*\)/$WEBHOOK_TOKEN/\".*|\1|p" <<<"$portal")
running && [ -n "$user" ] || fail "$URL answers, but not as the emulator this script started (its webhook is not there)"
WEBHOOK=$URL/rest/$user/$WEBHOOK_TOKEN/
echo "Emulator $IMAGE up at $URL after $((SECONDS - started)) s" >&2

declare -a out=(
  "B24_EMULATOR_URL=$URL"
  "B24_EMULATOR_CONTROL_TOKEN=$CONTROL_TOKEN"
  "B24_WEBHOOK_URL=$WEBHOOK"
  "BITRIX24_WEBHOOK=$WEBHOOK"
)
if [ "$HTTPS_PORT" != -1 ]; then
  out+=("B24_HOOK=https://localhost:$HTTPS_PORT/rest/$user/$WEBHOOK_TOKEN/")
fi
if [ -n "${B24_EMULATOR_DATA:-}" ]; then
  out+=("B24_EMULATOR_CERT=$(cd "$B24_EMULATOR_DATA" && pwd)/tls/emulator-cert.pem")
fi
for line in "${out[@]}"; do
  if [ -n "${GITHUB_ENV:-}" ]; then echo "$line" >>"$GITHUB_ENV"; fi
  if [ -n "${GITHUB_OUTPUT:-}" ]; then echo "${line%%=*}=${line#*=}" >>"$GITHUB_OUTPUT"; fi
  printf 'export %q\n' "$line"
done
