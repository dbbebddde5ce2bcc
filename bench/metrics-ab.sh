#!/bin/sh
# The cost of the metrics on the Invoke path (docs/performance.md): one execution server of an
# unzipped shim artifact without metrics (A) and with --metrics-port (B), A B A B, each loaded by the
# load driver over loopback.
#
#   bench/metrics-ab.sh <unzipped artifact> <config dir of a signature> <payload base64> \
#       <load driver class path> [rounds] [seconds] [concurrency]       default: 4 rounds, 10 s, 8
#
# e.g. bench/metrics-ab.sh target/sample scp_config/com.example.flinksql.AddOne/0 AAAAAAAAAAAB \
#        "it/target/test-classes:$(cat it/target/cp.txt)"
# Prints each run's calls/s and latency line as the driver writes it.
set -eu
artifact=$1 config=$2 payload=$3 cp=$4
rounds=${5:-4}
seconds=${6:-10}
concurrency=${7:-8}

run() { # run <label> <extra serve options...>
  label=$1
  shift
  log=$(mktemp)
  "$artifact/bin/shim" serve --handler_name execution --config_override_dir "$artifact/$config" \
    --host 127.0.0.1 --port 0 "$@" >"$log" 2>&1 &
  server=$!
  port=
  for _ in $(seq 1 300); do
    port=$(sed -n 's/.*listening on 127\.0\.0\.1:\([0-9]*\) .*/\1/p' "$log" | head -n 1)
    if [ -n "$port" ] && grep -q 'Health: SERVING' "$log"; then break; fi
    sleep 0.1
  done
  printf '%s ' "$label"
  java -cp "$cp" dev.udfshim.it.bench.LoadDriver --target "127.0.0.1:$port" --payload "$payload" \
    --concurrency "$concurrency" --seconds "$seconds" | tail -n 1
  kill -TERM "$server"
  wait "$server" || true
  rm -f "$log"
}

for round in $(seq 1 "$rounds"); do
  echo "round $round (load $(cut -d' ' -f1 /proc/loadavg))"
  run "A (no metrics)  " 
  run "B (metrics on)  " --metrics-port 0
done
