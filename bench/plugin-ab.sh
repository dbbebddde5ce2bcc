#!/bin/sh
# The plugin's own time, two builds of it side by side (docs/performance.md): A B A B.
#
#   bench/plugin-ab.sh <repository A> <repository B> [rounds] [clean|again]   default: 7 rounds, clean
#
# Each repository is a local Maven repository with a build of this project installed
# (mvn -o install -DskipTests -Dmaven.repo.local=<repository>), e.g. main's and a branch's. Two copies of
# the 3-UDF project of bench/generate-udfs.sh build in turn, offline, tests skipped; each figure is the
# time from the start of shim:extract to BUILD SUCCESS (the plugin's three goals and jar:jar), from
# Maven's own timestamps, in ms: medians and ranges, then each round's pair. "again" builds with
# nothing changed.
set -eu
a=$1 b=$2
rounds=${3:-7}
kind=${4:-clean}
root=$(cd "$(dirname "$0")/.." && pwd)
work=$root/target/bench-ab
version=$(sed -n 's|^  <version>\(.*\)</version>|\1|p' "$root/pom.xml" | head -n 1)
rm -rf "$work"
mkdir -p "$work"
sh "$root/bench/generate-udfs.sh" "$work/a" 3 "$version" >/dev/null
cp -R "$work/a" "$work/b"

# build <project> <repository>: prints the ms from shim:extract to BUILD SUCCESS
build() {
  if [ "$kind" = clean ]; then rm -rf "$1/target"; fi
  (cd "$1" && mvn -B -o -Dmaven.repo.local="$2" -Dmaven.test.skip=true \
    -Dorg.slf4j.simpleLogger.showDateTime=true -Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS \
    package >"$1.log" 2>&1) || { tail -30 "$1.log"; exit 1; }
  awk '
    function ms(t) { split(t, p, /[:.]/); return ((p[1] * 60 + p[2]) * 60 + p[3]) * 1000 + p[4] }
    /shim-maven-plugin:.*:extract / && !s { s = ms($1) }
    /BUILD SUCCESS/ { e = ms($1) }
    END { print e - s }' "$1.log"
}

stats() {
  printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END {
    m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
    printf "%d ms (%d..%d)", m, v[1], v[NR] }'
}

build "$work/a" "$a" >/dev/null
build "$work/b" "$b" >/dev/null
A= B= pairs=
i=0
while [ "$i" -lt "$rounds" ]; do
  x=$(build "$work/a" "$a")
  y=$(build "$work/b" "$b")
  A="$A $x" B="$B $y" pairs="$pairs $x/$y"
  i=$((i + 1))
done
echo "$kind: A $(stats $A)  B $(stats $B)  (rounds A/B:$pairs)"
