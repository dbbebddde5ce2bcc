#!/bin/sh
# Build overhead and cold start of the shim, side by side, with the ratios (docs/performance.md).
#
#   bench/build-and-start.sh [rounds] [build|start]   default: 5 rounds, both parts
#   MVN_ARGS are passed to every mvn (e.g. -Dmaven.repo.local=...).
#
# Needs the reactor installed first (mvn -B install -DskipTests), and works offline after that.
# 1. build overhead: `mvn -o package` of a UDF project with the plugin against the same project
#    without it (profile `shim` off), for a clean build of 3 UDFs (the sample's three shapes), a
#    clean build of 550 UDFs (650 signatures), and a second build of 3 UDFs with nothing changed.
#    The two variants live in two copies of the project and build in turn: A B A B.
# 2. cold start: process start to the first Invoke answer, bin/shim of the 3-UDF artifact against
#    a bare grpc-java echo server (dev.udfshim.bench.server.ColdStart, which alternates them too), with
#    twice as many rounds. Linux (date +%N).
set -eu
rounds=${1:-5}
part=${2:-all}
root=$(cd "$(dirname "$0")/.." && pwd)
work=$root/target/bench
mvn="mvn -B -o -q ${MVN_ARGS:-}"
version=$(sed -n 's|^  <version>\(.*\)</version>|\1|p' "$root/pom.xml" | head -n 1)

echo "bench: $(uptime)"
echo "bench: $(java -version 2>&1 | head -n 1), $(mvn -v 2>/dev/null | head -n 1), $rounds rounds"
rm -rf "$work"
mkdir -p "$work"
for n in 3 550; do
  sh "$root/bench/generate-udfs.sh" "$work/udfs-$n-plain" "$n" "$version" >/dev/null
  cp -R "$work/udfs-$n-plain" "$work/udfs-$n-shim"
done

now() { date +%s%N; }

# Times one build in milliseconds: build <project folder> <clean|again> <plain|shim>
build() {
  if [ "$2" = clean ]; then rm -rf "$1/target"; fi
  if [ "$3" = plain ]; then set -- "$1" -DnoShim; else set -- "$1"; fi
  start=$(now)
  (cd "$1" && shift && mvn -B -o ${MVN_ARGS:-} package "$@" >"$work/last-build.log" 2>&1) || {
    cat "$work/last-build.log"
    exit 1
  }
  echo $((($(now) - start) / 1000000))
}

# median and range of a list of numbers: stats 12 10 11 -> "11 10..12"
stats() {
  printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END {
    m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
    printf "%d %d..%d", m, v[1], v[NR] }'
}

# figure <label> <project size> <clean|again>: A B A B ..., then medians, ranges and the ratio.
figure() {
  label=$1 size=$2 kind=$3 plain= shim= ratios=
  # Not counted: fills the caches, and leaves a built project behind for the "again" builds.
  build "$work/udfs-$size-plain" clean plain >/dev/null
  build "$work/udfs-$size-shim" clean shim >/dev/null
  i=0
  while [ "$i" -lt "$rounds" ]; do
    a=$(build "$work/udfs-$size-plain" "$kind" plain)
    b=$(build "$work/udfs-$size-shim" "$kind" shim)
    plain="$plain $a" shim="$shim $b"
    ratios="$ratios $(awk "BEGIN { printf \"%.2f\", $b / $a }")"
    i=$((i + 1))
  done
  p=$(stats $plain)
  s=$(stats $shim)
  printf '%-34s without %5s ms (%s)  with %5s ms (%s)  ratio %s  (rounds:%s)\n' \
    "$label" "${p%% *}" "${p#* }" "${s%% *}" "${s#* }" \
    "$(awk "BEGIN { printf \"%.2f\", ${s%% *} / ${p%% *} }")" "$ratios"
}

if [ "$part" != start ]; then
  echo
  echo "== build overhead: mvn -o package with the plugin vs without; medians (min..max) of $rounds"
  figure "clean, 3 UDFs (4 signatures)" 3 clean
  figure "clean, 550 UDFs (650 signatures)" 550 clean
  figure "nothing changed, 3 UDFs" 3 again
  grep -h "skipped, nothing changed" "$work/last-build.log" | sed 's/^/  last build: /'
fi
if [ "$part" = build ]; then
  echo "bench: $(uptime)"
  exit 0
fi

echo
echo "== cold start: process start to the first Invoke answer"
shim=$work/shim-unzipped
mkdir -p "$shim"
if [ "$part" = start ]; then build "$work/udfs-3-shim" clean shim >/dev/null; fi
(cd "$shim" && unzip -q "$work/udfs-3-shim/target/generated-udfs-3-1.0.0-shim.zip")
(cd "$root" && $mvn -pl bench test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$work/bench.classpath")
java -cp "$root/bench/target/test-classes:$(cat "$work/bench.classpath")" dev.udfshim.bench.server.ColdStart \
  --shim "$shim" --spec "$shim/scp_config/com.example.gen.Udf0000/0" --rounds $((rounds * 2))
echo "bench: $(uptime)"
