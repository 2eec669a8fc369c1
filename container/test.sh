#!/usr/bin/env bash
# .ci/run's container step: builds the image and run-tests it on a container engine this script starts itself.
#
#   container/test.sh            (after mvn verify: needs emulator/target/b24-emulator.jar and the conformance kit jar)
#
# 1. docker.io from Debian if missing (root + apt), dockerd on its own socket/data/exec root under /tmp, no bridge and
#    no iptables: containers use the host's network, so every request stays on 127.0.0.1 and nothing is left behind.
# 2. container/build.sh; the image's size, user, health check, volume; its class-data archive maps.
# 3. A container driven through a session (container/session.py, with the Python control client): webhook register →
#    finish → search, an OAuth application installed with ONAPPINSTALL and an event delivered to a handler on the
#    host, the jar's health and trigger commands inside the image, HTTPS with its certificate, Docker's health check;
#    a second container runs on io_uring when the kernel allows it (the image holds its native library's libraries).
# 4. SIGTERM saves the state file; a new container on the same /data finds it (the webhook token it was saved with,
#    and a random control token printed).
# 5. Time to the first REST 200: the image beside the plain jar, median of three each.
# 6. The Testcontainers module's tests against the image.
# 7. The CI recipe: ci-recipes/start-emulator.sh (a second start on the ports it holds refused, one with HTTPS off),
#    the conformance kit against the sample connector with its JUnit report (ci-recipes/run-conformance.sh), the
#    official JS SDK driven with B24_HOOK over HTTPS.
# Every step's result and time is printed at the end. When no engine can start, the whole step is SKIPPED with the
# reason (exit 77, which .ci/run reports as SKIPPED: never a silent pass); a failed check exits 1. Everything
# started is stopped.
set -uo pipefail
cd "$(dirname "$0")/.."
. container/lib.sh

WORK=/tmp/b24-container.$$
IMAGE=${B24_IMAGE:-b24emu/emulator}:latest
JAR=emulator/target/b24-emulator.jar
KIT_JAR=client-conformance/target/b24-conformance.jar
MVN=${MVN:-mvn}
TOKEN=ci-control-$$
HOOK=ci-hook-$$
NAME=b24-ci-$$
declare -a SUMMARY=() PIDS=()
FAILED=0

say() { echo "container: $*"; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN {printf "%.2f", b - a}'; } # seconds since $1 (no bc on a bare Debian)

step() {
  local name=$1 t0 result
  shift
  t0=$(now)
  echo "== $name"
  if "$@"; then result=ok; else result=FAIL; FAILED=$((FAILED + 1)); fi
  SUMMARY+=("$(printf '%-62s %-4s %6.1f s' "$name" "$result" "$(elapsed "$t0")")")
}

skip() {
  say "SKIPPED: $*"
  exit 77
}

cleanup() {
  set +e
  if [ -n "${DOCKER_HOST:-}" ]; then
    for c in $("$DOCKER" ps -aq --filter "name=b24-ci-$$" 2>/dev/null); do "$DOCKER" rm -f "$c" >/dev/null 2>&1; done
  fi
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null; done
  stop_engine "$WORK/engine"
  rm -rf "$WORK"
}

# ------------------------------------------------------------------ engine
[ "$(uname -s)" = Linux ] || skip "container tests need Linux (this is $(uname -s))"
[ -f "$JAR" ] || { say "FAIL: no $JAR (run mvn verify first)"; exit 1; }
if ! command -v dockerd >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    say "installing docker.io from Debian"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends docker.io >/dev/null 2>&1 \
      || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends docker.io >/dev/null; } \
      || skip "docker.io could not be installed"
  else
    skip "no dockerd, and it cannot be installed here (needs root and apt-get)"
  fi
fi
[ "$(id -u)" = 0 ] || skip "starting dockerd needs root"
DOCKER=$(docker_cli)
mkdir -p "$WORK"
trap cleanup EXIT
start_engine "$WORK/engine" || skip "dockerd did not start (its log is above)"
say "dockerd $("$DOCKER" version -f '{{.Server.Version}}') on $DOCKER_HOST"

# ------------------------------------------------------------------ image
step "build the image (container/build.sh)" container/build.sh

image_facts() {
  local size user health volumes
  size=$("$DOCKER" image inspect "$IMAGE" -f '{{.Size}}')
  user=$("$DOCKER" image inspect "$IMAGE" -f '{{.Config.User}}')
  health=$("$DOCKER" image inspect "$IMAGE" -f '{{json .Config.Healthcheck.Test}}')
  volumes=$("$DOCKER" image inspect "$IMAGE" -f '{{json .Config.Volumes}}')
  IMAGE_MB=$((size / 1000000))
  say "image $IMAGE: $IMAGE_MB MB, user $user, volumes $volumes, health check $health"
  [ "$IMAGE_MB" -le 140 ] && [ "$user" = 1000:1000 ] && [[ $health == *health* ]] && [[ $volumes == *'"/data"'* ]]
}
step "image: at most 140 MB, user 1000, health check, /data volume" image_facts

# -Xshare:on refuses to start when the archive cannot be mapped (made for another jar, path or runtime), where the
# ENTRYPOINT's -Xshare:auto would silently start slower
class_data_archive() {
  "$DOCKER" run --rm --entrypoint /opt/jre/bin/java "$IMAGE" -Xshare:on -XX:SharedArchiveFile=/app/b24-emulator.jsa \
    -XX:+UseSerialGC -jar /app/b24-emulator.jar --version
}
step "the image's class-data archive maps (-Xshare:on)" class_data_archive

# ------------------------------------------------------------------ a container, driven
HP=$(free_port); SP=$(free_port)
URL=http://127.0.0.1:$HP
DATA=$WORK/data
mkdir -p "$DATA" && chown 1000:1000 "$DATA"

run_container() { # run_container NAME [extra docker args...]: the image on the host network, /data from $DATA
  local name=$1
  shift
  "$DOCKER" run -d --name "$name" --network host -v "$DATA:/data" -e "B24_EMULATOR_PORT=$HP" \
    -e "B24_EMULATOR_HTTPS_PORT=$SP" -e B24_EMULATOR_STATE_SAVE_SECONDS=3600 "$@" "$IMAGE" >/dev/null
}

await_rest() { # await_rest URL: the first 200 of a REST call, within 60 s
  local deadline=$((SECONDS + 60))
  until [ "$(curl -s -m 2 -o /dev/null -w '%{http_code}' "$1")" = 200 ]; do
    [ $SECONDS -lt $deadline ] || return 1
    sleep 0.05
  done
}

start_first() {
  run_container "$NAME" -e "B24_EMULATOR_CONTROL_TOKEN=$TOKEN" -e "B24_EMULATOR_WEBHOOK_TOKEN=$HOOK" \
    && await_rest "$URL/rest/1/$HOOK/user.current"
}
step "run: host network, control and webhook tokens from the environment" start_first

session() {
  EXEC_IN_CONTAINER="$DOCKER exec $NAME" python3 container/session.py session "$URL" "$TOKEN" "$URL/rest/1/$HOOK/"
}
step "session: register, finish, search; OAuth app; deliveries to the host" session

https_ok() {
  local deadline=$((SECONDS + 30))
  until [ -f "$DATA/tls/emulator-cert.pem" ] && [ "$(curl -s -m 2 -o /dev/null -w '%{http_code}' \
      --cacert "$DATA/tls/emulator-cert.pem" "https://localhost:$SP/rest/1/$HOOK/user.current")" = 200 ]; do
    [ $SECONDS -lt $deadline ] || return 1
    sleep 0.2
  done
}
step "HTTPS with the certificate the image keeps in /data/tls" https_ok

health_command() { # its line names the I/O transport: io_uring unless the engine's seccomp profile refuses it
  local line
  line=$("$DOCKER" exec "$NAME" /opt/jre/bin/java -jar /app/b24-emulator.jar health) && say "$line"
}
step "the jar's health command in the image (token from its file)" health_command

docker_health() {
  local deadline=$((SECONDS + 60)) state
  while state=$("$DOCKER" inspect -f '{{.State.Health.Status}}' "$NAME"); [ "$state" != healthy ]; do
    [ $SECONDS -lt $deadline ] && [ "$state" != unhealthy ] || { say "health: $state"; return 1; }
    sleep 1
  done
}
step "Docker's HEALTHCHECK reports healthy" docker_health

io_uring_in_image() { # the shared libraries Netty's io_uring library needs are in the image (without librt it ran on NIO)
  local line
  if [ "$(cat /proc/sys/kernel/io_uring_disabled 2>/dev/null)" != 0 ]; then
    say "io_uring is off or unknown on this kernel: not checked"
    return 0
  fi
  # seccomp unconfined: what is checked is the image, not the engine's profile (Docker 25 and later refuse io_uring);
  # its port given as an argument, which the health command finds in the address file the server wrote
  "$DOCKER" run -d --name "$NAME-uring" --network host --security-opt seccomp=unconfined \
    -e B24_EMULATOR_HTTPS_PORT=-1 -e "B24_EMULATOR_WEBHOOK_TOKEN=$HOOK" "$IMAGE" --port "$UP" >/dev/null \
    && await_rest "http://127.0.0.1:$UP/rest/1/$HOOK/user.current" || return 1
  line=$("$DOCKER" exec "$NAME-uring" /opt/jre/bin/java -jar /app/b24-emulator.jar health) || return 1
  "$DOCKER" rm -f "$NAME-uring" >/dev/null
  say "$line"
  [[ $line == *"(io_uring)"* ]]
}
UP=$(free_port)
step "the image runs on io_uring where the kernel and the engine allow it (its port an argument)" io_uring_in_image

restart_keeps_state() {
  python3 container/session.py mark "$URL" "$TOKEN" || return 1
  "$DOCKER" stop -t 30 "$NAME" >/dev/null || return 1
  grep -q 'Restart' "$DATA/state.json" || { say "state.json lacks the contact"; return 1; }
  "$DOCKER" rm "$NAME" >/dev/null
  # the second container has no control token in its environment: it makes one and prints it; nor a webhook
  # token: the default portal keeps the one its state was saved with
  run_container "$NAME-2" && await_rest "$URL/rest/1/$HOOK/user.current" || return 1
  local printed="" _
  # the line is printed once start-up returns, a moment after the port answers: wait for it (10 s at most)
  for _ in $(seq 100); do
    printed=$("$DOCKER" logs "$NAME-2" 2>&1 | sed -n 's/.*token required: \([0-9a-f]*\).*/\1/p' | head -1)
    [ -n "$printed" ] && break
    sleep 0.1
  done
  local rc=0
  if [ -z "$printed" ]; then
    say "no control token printed"; rc=1
  else
    python3 container/session.py check-marked "$URL" "$printed" || rc=1
  fi
  "$DOCKER" rm -f "$NAME-2" >/dev/null 2>&1 # a failed step leaves no container holding the port for the next ones
  return $rc
}
step "SIGTERM saves /data/state.json; a new container finds it" restart_keeps_state

# ------------------------------------------------------------------ start-up: image beside the plain jar
first_200_container() {
  local data=$WORK/startup-$1 t0
  mkdir -p "$data" && chown 1000:1000 "$data"
  t0=$(now)
  "$DOCKER" run -d --name "$NAME-s$1" --network host -v "$data:/data" -e "B24_EMULATOR_PORT=$HP" \
    -e "B24_EMULATOR_HTTPS_PORT=$SP" -e "B24_EMULATOR_CONTROL_TOKEN=$TOKEN" -e "B24_EMULATOR_WEBHOOK_TOKEN=$HOOK" "$IMAGE" >/dev/null
  await_rest "$URL/rest/1/$HOOK/user.current" || return 1
  elapsed "$t0" >>"$WORK/container.times" && echo >>"$WORK/container.times"
  "$DOCKER" rm -f "$NAME-s$1" >/dev/null
}
first_200_jar() {
  local data=$WORK/startup-jar-$1 t0 pid
  mkdir -p "$data"
  t0=$(now)
  B24_EMULATOR_HOST=0.0.0.0 B24_EMULATOR_PORT=$HP B24_EMULATOR_HTTPS_PORT=$SP B24_EMULATOR_CONTROL_TOKEN=$TOKEN \
    B24_EMULATOR_WEBHOOK_TOKEN=$HOOK B24_EMULATOR_STATE_FILE=$data/state.json B24_EMULATOR_TLS_DIR=$data/tls \
    java -jar "$JAR" >"$data/log" 2>&1 &
  pid=$!
  await_rest "$URL/rest/1/$HOOK/user.current" || { kill "$pid"; return 1; }
  elapsed "$t0" >>"$WORK/jar.times" && echo >>"$WORK/jar.times"
  kill "$pid"
  wait "$pid" 2>/dev/null || true   # it exits 143 on SIGTERM, as it should
}
median() { sort -n "$1" | sed -n 2p; }
startup() {
  rm -f "$WORK/container.times" "$WORK/jar.times"
  for i in 1 2 3; do first_200_jar "$i" && first_200_container "$i" || return 1; done
  FIRST_JAR=$(median "$WORK/jar.times"); FIRST_IMAGE=$(median "$WORK/container.times")
  say "first REST 200 (median of 3): plain jar ${FIRST_JAR} s, image ${FIRST_IMAGE} s (docker run included);" \
    "jar $(paste -sd' ' "$WORK/jar.times"), image $(paste -sd' ' "$WORK/container.times")"
  awk -v image="$FIRST_IMAGE" -v jar="$FIRST_JAR" 'BEGIN {exit !(image <= 1.5 * jar)}'
}
step "first REST 200: the image within 1.5x the plain jar" startup

# ------------------------------------------------------------------ Testcontainers
testcontainers_module() {
  TESTCONTAINERS_HOST_OVERRIDE=127.0.0.1 with_lock "$MVN" -B -ntp -q -pl testcontainers verify \
    -Db24.emulator.image="$IMAGE" -Db24.emulator.network=host && \
    grep -h '<testsuite ' testcontainers/target/surefire-reports/TEST-*.xml | grep -q 'skipped="0"' \
    && say "$(grep -ho 'tests="[0-9]*"' testcontainers/target/surefire-reports/TEST-*.xml | head -1) run, none skipped"
}
step "Testcontainers module tests against the image" testcontainers_module

# ------------------------------------------------------------------ the CI recipe
recipe_start() {
  local out
  out=$(DOCKER=$DOCKER B24_EMULATOR_IMAGE=$IMAGE B24_EMULATOR_NAME=$NAME-recipe B24_EMULATOR_PORT=$HP \
    B24_EMULATOR_HTTPS_PORT=$SP B24_EMULATOR_DATA=$WORK/recipe-data GITHUB_ENV= GITHUB_OUTPUT= \
    ci-recipes/start-emulator.sh) || return 1
  eval "$out"
  [ -n "${B24_WEBHOOK_URL:-}" ] && [ "$(curl -s -o /dev/null -w '%{http_code}' "${B24_WEBHOOK_URL}user.current")" = 200 ]
}
step "ci-recipes/start-emulator.sh starts the image, exports its URLs" recipe_start

# a second start on the ports the first one holds: refused before any container runs (it used to report success, the
# other emulator's health answering, and export a webhook that server did not know)
recipe_port_taken() {
  local err
  err=$(DOCKER=$DOCKER B24_EMULATOR_IMAGE=$IMAGE B24_EMULATOR_NAME=$NAME-taken B24_EMULATOR_PORT=$HP \
    B24_EMULATOR_HTTPS_PORT=$SP GITHUB_ENV= GITHUB_OUTPUT= ci-recipes/start-emulator.sh 2>&1 >/dev/null) && return 1
  [[ $err == *"already listens at http://127.0.0.1:$HP"* ]] && [ -z "$("$DOCKER" ps -aq --filter "name=$NAME-taken")" ] \
    && say "refused: ${err%% (*}"
}
step "ci-recipes/start-emulator.sh refuses ports another server holds" recipe_port_taken

# HTTPS off: no B24_HOOK to a port -1 (it was exported as https://localhost:-1/...)
recipe_no_https() {
  local out port
  port=$(free_port)
  out=$(DOCKER=$DOCKER B24_EMULATOR_IMAGE=$IMAGE B24_EMULATOR_NAME=$NAME-plain B24_EMULATOR_PORT=$port \
    B24_EMULATOR_HTTPS_PORT=-1 GITHUB_ENV= GITHUB_OUTPUT= ci-recipes/start-emulator.sh) || return 1
  DOCKER=$DOCKER B24_EMULATOR_NAME=$NAME-plain ci-recipes/stop-emulator.sh >/dev/null
  [[ $out == *"B24_WEBHOOK_URL=http://127.0.0.1:$port/rest/1/"* && $out != *B24_HOOK* ]]
}
step "ci-recipes/start-emulator.sh with HTTPS off exports no B24_HOOK" recipe_no_https

recipe_conformance() {
  [ -f "$KIT_JAR" ] || { say "no $KIT_JAR"; return 1; }
  local port config report=$WORK/conformance
  port=$(free_port)
  config=$WORK/conformance.yaml
  sed "s/127.0.0.1:9000/127.0.0.1:$port/g" client-conformance/conformance.example.yaml >"$config"
  java -cp "$KIT_JAR" client-conformance/src/test/java/dev/b24emu/conformance/sample/SampleConnector.java "$port" \
    >"$WORK/connector.log" 2>&1 &
  PIDS+=($!)
  local deadline=$((SECONDS + 60))
  until curl -s -o /dev/null "http://127.0.0.1:$port/"; do [ $SECONDS -lt $deadline ] || return 1; sleep 0.2; done
  KIT_JAR=$KIT_JAR ci-recipes/run-conformance.sh "$config" "$report" | tail -12 || return 1
  grep -q '<testsuite' "$report/junit.xml" && ! grep -q '<failure' "$report/junit.xml" \
    && say "junit.xml: $(grep -o 'tests="[0-9]*"' "$report/junit.xml" | head -1), no failure"
}
step "conformance kit on the started image, sample connector, junit.xml" recipe_conformance

js_sdk() {
  if [ ! -d interop/js/node_modules/@bitrix24/b24jssdk ] || ! command -v node >/dev/null; then
    say "the JS SDK is not installed (.ci/run runs npm install in interop/js): not run"
    return 1
  fi
  B24_HOOK=$B24_HOOK NODE_EXTRA_CA_CERTS=$B24_EMULATOR_CERT node interop/js/sdk-interop.mjs | grep '"ok":true'
}
step "the official JS SDK with B24_HOOK, over HTTPS, on the image" js_sdk

recipe_stop() {
  DOCKER=$DOCKER B24_EMULATOR_NAME=$NAME-recipe ci-recipes/stop-emulator.sh >/dev/null \
    && [ -z "$("$DOCKER" ps -aq --filter "name=$NAME-recipe")" ]
}
step "ci-recipes/stop-emulator.sh stops and removes it" recipe_stop

# ------------------------------------------------------------------ summary
echo "== container steps"
printf '%s\n' "${SUMMARY[@]}"
say "image ${IMAGE_MB:-?} MB; first REST 200: image ${FIRST_IMAGE:-?} s, plain jar ${FIRST_JAR:-?} s"
if [ "$FAILED" -gt 0 ]; then
  say "$FAILED step(s) FAILED"
  exit 1
fi
say "all ${#SUMMARY[@]} steps passed"
