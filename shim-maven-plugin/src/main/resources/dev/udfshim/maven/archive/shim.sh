#!/bin/sh
# Starts the UDF shim runtime from this artifact, e.g.
#   bin/shim serve --handler_name extraction --config_override_dir <dir>
#   bin/shim serve --handler_name execution --config_override_dir scp_config/<class>/<n>
#   bin/shim --help
# Java 17 or newer: JAVA_HOME/bin/java if JAVA_HOME is set, else java on the PATH.
# SHIM_HEAP: the heap options, default -XX:MaxRAMPercentage=75 (of the container's memory limit).
# JAVA_OPTS: more JVM options, applied last, so they override the defaults.
# A JVM out of memory exits (code 3) instead of serving half-dead, so the platform restarts it.
here=$(cd "$(dirname "$0")/.." && pwd)
if [ -n "$JAVA_HOME" ]; then java="$JAVA_HOME/bin/java"; else java=java; fi
exec "$java" ${SHIM_HEAP:--XX:MaxRAMPercentage=75} -XX:+ExitOnOutOfMemoryError $JAVA_OPTS \
  -cp "$here/lib/runtime/*:$here/lib/udf/*" dev.udfshim.runtime.cli.ShimCli "$@"
