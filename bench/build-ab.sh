#!/bin/sh
# The whole reactor's build, two checkouts (or one with two sets of arguments) side by side: A B A B.
#
#   bench/build-ab.sh <checkout A> <checkout B> [rounds]     default: 3 rounds, one uncounted first
#
# Each build is `mvn -B -q -o -DskipTests clean package` in its checkout, plus MVN_ARGS (both sides),
# MVN_ARGS_A or MVN_ARGS_B. MVN_WRAP runs before mvn, outside the clock (e.g. `flock /tmp/mvn.lock` to take
# turns with other builds). Prints, for each side, the medians and ranges of the wall time and the CPU time
# (user + sys of mvn and everything it waited for), the ratio B/A of the medians, then each round's figures
# and the load average before it (each round also on standard error as it ends).
set -eu
a=$(cd "$1" && pwd) b=$(cd "$2" && pwd)
rounds=${3:-3}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

# build <checkout> <extra args>: prints "wall cpu" in seconds
build() {
  # shellcheck disable=SC2086 # the argument lists split on spaces on purpose
  (cd "$1" && ${MVN_WRAP:-} /usr/bin/time -f '%e %U %S' -o "$out/time" \
    mvn -B -q -o -DskipTests ${MVN_ARGS:-} $2 clean package >"$out/log" 2>&1) ||
    { tail -30 "$out/log" >&2; exit 1; }
  awk '{ printf "%.1f %.1f\n", $1, $2 + $3 }' "$out/time"
}

stats() {
  printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END {
    m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
    printf "%.1f s (%.1f..%.1f)", m, v[1], v[NR] }'
}
median() { stats "$@" | cut -d' ' -f1; }

build "$a" "${MVN_ARGS_A:-}" >/dev/null
Aw= Ac= Bw= Bc= rows=
i=0
while [ "$i" -lt "$rounds" ]; do
  la=$(cut -d' ' -f1 /proc/loadavg)
  x=$(build "$a" "${MVN_ARGS_A:-}")
  set -- $x
  Aw="$Aw $1" Ac="$Ac $2" row="A $1 s wall, $2 s CPU (load $la)"
  lb=$(cut -d' ' -f1 /proc/loadavg)
  x=$(build "$b" "${MVN_ARGS_B:-}")
  set -- $x
  Bw="$Bw $1" Bc="$Bc $2" row="round $((i + 1)): $row; B $1 s wall, $2 s CPU (load $lb)"
  rows="$rows
  $row"
  echo "$row" >&2
  i=$((i + 1))
done
ratio() { awk -v x="$(median $1)" -v y="$(median $2)" 'BEGIN { printf "%.2f", y / x }'; }
echo "wall: A $(stats $Aw)  B $(stats $Bw)  B/A $(ratio "$Aw" "$Bw")"
echo "CPU:  A $(stats $Ac)  B $(stats $Bc)  B/A $(ratio "$Ac" "$Bc")"
echo "rounds:$rows"
