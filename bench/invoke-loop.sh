#!/bin/bash
# The try-it loop, A B A B over 3 rounds: wall time of `mvn -q shim:invoke -Dfunction=AddOne -Dargs=1,2`
# A: with no shim:run up (a server forked for the call); B: with a shim:run server up (reused).
# Run from the sample project after `mvn install -DskipTests` and its `mvn package`:
#   cd shim-maven-plugin/src/it/udf-project-good && ../../../../bench/invoke-loop.sh
# MVN holds the Maven command (default: mvn -B -o).
set -u
MVN=${MVN:-mvn -B -o}
record=target/shim/records/run-execution.properties
time_invoke() {
  local s e out
  s=$(date +%s%N)
  out=$($MVN -q shim:invoke -Dfunction=AddOne -Dargs=1,2 2>&1)
  e=$(date +%s%N)
  echo "$1 $(( (e - s) / 1000000 )) ms answer=[$out]"
}
start_run() {
  rm -f "$record"
  $MVN shim:run -Dfunction=AddOne -Dport=0 < /dev/null > target/invoke-loop-run.log 2>&1 &
  runpid=$!
  for i in $(seq 1 600); do
    [ -f "$record" ] && grep -q "listening" target/invoke-loop-run.log && return 0
    sleep 0.1
  done
  echo "shim:run did not come up"; cat target/invoke-loop-run.log; exit 1
}
stop_run() {
  # our own Maven: its end drains and stops the server it forked
  kill -TERM "$runpid"
  wait "$runpid"
  for i in $(seq 1 300); do [ -f "$record" ] || break; sleep 0.1; done
}
for round in 1 2 3; do
  for pair in 1 2; do
    time_invoke "round$round A(fork)"
    start_run
    time_invoke "round$round B(shim:run)"
    stop_run
  done
done
