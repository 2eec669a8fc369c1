# Shared by container/build.sh and container/test.sh (sourced): the build lock, the docker client, a private
# dockerd that leaves nothing behind.

# CPU-heavy steps (jdeps, jlink, docker build, Maven) take /tmp/b24-build.lock, so two builds never share the
# cores; a step already inside the lock (B24_BUILD_LOCKED) does not take it twice.
with_lock() {
  if [ -n "${B24_BUILD_LOCKED:-}" ] || ! command -v flock >/dev/null 2>&1; then
    "$@"
    return
  fi
  local fd rc=0 t0=$SECONDS
  exec {fd}>/tmp/b24-build.lock
  flock "$fd"
  # the waiting is other builds' time, not this step's: said, so step timings can be read net of it
  [ $((SECONDS - t0)) -lt 2 ] || echo "(waited $((SECONDS - t0)) s for the build lock)" >&2
  B24_BUILD_LOCKED=1 "$@" || rc=$?
  flock -u "$fd"
  exec {fd}>&-
  return "$rc"
}

# Debian's client matches Debian's daemon; any other docker on PATH otherwise.
docker_cli() {
  if [ -x /usr/bin/docker ]; then echo /usr/bin/docker; else command -v docker; fi
}

# Starts dockerd with its own socket, data and exec roots under $1 (no bridge, no iptables: containers use the
# host's network, so all traffic stays on 127.0.0.1 and nothing is left in the host's network setup). Exports
# DOCKER_HOST and ENGINE_PID. Returns 1, with dockerd's last words, when it does not come up.
start_engine() {
  local dir=$1
  mkdir -p "$dir"
  export DOCKER_HOST=unix://$dir/docker.sock
  setsid "$(command -v dockerd)" --data-root "$dir/data" --exec-root "$dir/exec" -H "$DOCKER_HOST" \
    --pidfile "$dir/dockerd.pid" --iptables=false --bridge=none >"$dir/dockerd.log" 2>&1 &
  ENGINE_PID=$!
  export ENGINE_PID
  local cli
  cli=$(docker_cli)
  for _ in $(seq 1 60); do
    if "$cli" info >/dev/null 2>&1; then return 0; fi
    kill -0 "$ENGINE_PID" 2>/dev/null || break
    sleep 0.5
  done
  echo "dockerd did not come up; its log ends with:" >&2
  tail -15 "$dir/dockerd.log" >&2
  stop_engine "$dir"
  return 1
}

# Stops what start_engine started and removes its directory (dockerd leaves exec/netns/default, an nsfs mount).
stop_engine() {
  local dir=$1
  if [ -n "${ENGINE_PID:-}" ]; then
    kill "$ENGINE_PID" 2>/dev/null || true
    for _ in $(seq 1 40); do kill -0 "$ENGINE_PID" 2>/dev/null || break; sleep 0.25; done
    kill -9 "$ENGINE_PID" 2>/dev/null || true
    ENGINE_PID=
  fi
  mount | awk -v d="$dir/" 'index($3, d) == 1 {print $3}' | sort -r | xargs -r -n1 umount -l 2>/dev/null || true
  rm -rf "$dir"
}
