#!/usr/bin/env bash
# Builds the emulator's container image from the shaded jar, with nothing but Debian packages and Maven Central:
# an empty base, a Java runtime cut down by jlink to the modules jdeps finds in the jar, the shared libraries that
# runtime loads (copied from this Debian system), the jar with a class-data sharing archive made for it (in the
# Dockerfile's first stage), a non-root user. About 120 MB; no registry is contacted.
#
#   mvn -B -q -DskipTests package && container/build.sh     # uses DOCKER_HOST, or the default docker socket
#   JAR=… B24_IMAGE=my/emulator container/build.sh
#
# Tags b24emu/emulator:latest and b24emu/emulator:<project version>. Prints the image size last.
set -euo pipefail
cd "$(dirname "$0")/.."
. container/lib.sh

JAR=${JAR:-emulator/target/b24-emulator.jar}
IMAGE=${B24_IMAGE:-b24emu/emulator}
VERSION=$(sed -n 's:^  <version>\(.*\)</version>.*:\1:p' pom.xml | head -1)
DOCKER=$(docker_cli)
[ -f "$JAR" ] || { echo "No $JAR: build it first (mvn -B -q -DskipTests package)" >&2; exit 2; }
for tool in jdeps jlink jar ldd; do
  command -v "$tool" >/dev/null || { echo "$tool is missing: a JDK 17 on Linux is needed to build the image" >&2; exit 2; }
done
CTX=$(mktemp -d /tmp/b24-image.XXXXXX)
trap 'rm -rf "$CTX"' EXIT

# The shared libraries of the runtime, except those only the desktop (AWT, fonts, sound) loads: jdeps finds
# java.desktop because libraries touch java.beans, but a headless server never loads its native code. Also those of
# the native libraries in the jar (Netty's io_uring transport needs librt.so.1: without it the server ran on NIO).
runtime_libraries() {
  local jre=$1 natives=$2 f
  { ldd "$jre/bin/java"; ldd "$jre/lib/server/libjvm.so"
    for f in "$jre"/lib/*.so; do
      case ${f##*/} in
        libawt*|libfontmanager.so|libjawt.so|libjavajpeg.so|liblcms.so|libmlib_image.so|libsplashscreen.so|libjsound.so) continue ;;
      esac
      ldd "$f"
    done
    for f in "$natives"/META-INF/native/*.so; do [ -e "$f" ] && ldd "$f"; done; } 2>/dev/null |
    awk -v jre="$jre" '$2 == "=>" && $3 ~ /^\// && index($3, jre) != 1 {print $3} $1 ~ /^\/lib64\// {print $1}' | sort -u
}

assemble() {
  local root=$CTX/rootfs modules lib
  mkdir -p "$root"/{app,etc,opt,tmp} "$CTX/home/app" "$CTX/data"
  chmod 1777 "$root/tmp"
  touch "$CTX/home/app/.keep" "$CTX/data/.keep"
  modules=$(jdeps --print-module-deps --ignore-missing-deps --multi-release 17 "$JAR")
  echo "jdeps: $modules"
  # jdk.crypto.ec: the EC cipher suites TLS clients offer. No default class-data archive: the Dockerfile makes one
  # for the jar that holds the runtime's classes too.
  jlink --add-modules "$modules,jdk.crypto.ec" --strip-debug --no-header-files --no-man-pages --compress=2 \
        --output "$root/opt/jre"
  # Debian's libjvm keeps its symbol table: 4 MB the runtime never reads (binutils' strip, when there)
  if command -v strip >/dev/null; then strip --strip-unneeded "$root/opt/jre/lib/server/libjvm.so"; fi
  # deflated again: the build stores the jar's entries for a faster plain java -jar, 22 MB the image does without
  java emulator/src/build/StoredJar.java --deflated "$JAR" "$root/app/b24-emulator.jar"
  mkdir -p "$CTX/natives"
  (jar=$(realpath "$JAR") && cd "$CTX/natives" && jar xf "$jar" META-INF/native)
  for lib in $(runtime_libraries "$root/opt/jre" "$CTX/natives"); do
    mkdir -p "$root$(dirname "$lib")"
    cp -L "$lib" "$root$lib"
  done
  printf 'root:x:0:0:root:/root:/sbin/nologin\napp:x:1000:1000:app:/home/app:/sbin/nologin\n' >"$root/etc/passwd"
  printf 'root:x:0:\napp:x:1000:\n' >"$root/etc/group"
  cp container/Dockerfile "$CTX/Dockerfile"
  echo "rootfs: $(du -sh "$root" | cut -f1)"
}

build() {
  DOCKER_BUILDKIT=0 "$DOCKER" build -q -t "$IMAGE:latest" -t "$IMAGE:$VERSION" "$CTX" >/dev/null
}

with_lock assemble
with_lock build
SIZE=$("$DOCKER" image inspect "$IMAGE:latest" --format '{{.Size}}')
echo "image $IMAGE:latest ($IMAGE:$VERSION): $((SIZE / 1000000)) MB"
