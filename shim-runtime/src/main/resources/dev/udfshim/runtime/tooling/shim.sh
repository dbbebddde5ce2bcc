#!/bin/sh
# Starts the UDF shim runtime from this artifact, e.g.
#   bin/shim serve --handler_name extraction --config_override_dir <dir>
#   bin/shim serve --handler_name execution --config_override_dir scp_config/<class>/<n>
#   bin/shim --help
# Java 17 or newer: JAVA_HOME/bin/java if JAVA_HOME is set, else java on the PATH.
# SHIM_HEAP: the heap options, default -XX:MaxRAMPercentage=75 (of the container's memory limit).
# JAVA_OPTS: more JVM options, applied last, so they override the defaults.
# A JVM out of memory exits (code 3) instead of serving half-dead, so the platform restarts it.
# JDK 24+: the sun.misc.Unsafe and native-access warnings of protobuf and netty are turned off.
# SHIM_CDS=off: no class-data sharing. By default the first start writes an archive of the classes
#   it loaded when it exits, and later starts with the same JVM and artifact load from it (faster).
#   SHIM_CDS_DIR: where the archives are, default <artifact>/cds; when it cannot be written, an
#   archive already there is still used, and without one the JVM starts as usual.
here=$(cd "$(dirname "$0")/.." && pwd)
if [ -n "$JAVA_HOME" ]; then java="$JAVA_HOME/bin/java"; else java=java; fi

# The JVM's version from its release file, which costs no second JVM start.
case $java in
  */*) jdk=${java%/bin/java} ;;
  *) jdk=$(command -v java) && jdk=$(readlink -f "$jdk" 2>/dev/null) && jdk=${jdk%/bin/java} ;;
esac
version= runtime=
if [ -n "$jdk" ] && [ -r "$jdk/release" ]; then
  while IFS='=' read -r key value; do
    case $key in
      JAVA_VERSION) version=${value#\"} version=${version%\"} ;;
      JAVA_RUNTIME_VERSION) runtime=${value#\"} runtime=${runtime%\"} ;;
    esac
  done <"$jdk/release"
fi
feature=${version%%[!0-9]*}
feature=${feature:-0}

flags=
if [ "$feature" -ge 24 ]; then
  flags="--sun-misc-unsafe-memory-access=allow --illegal-native-access=allow"
fi

# Class-data sharing: one archive per JVM build, artifact and handler. It is written at exit under
# a name of its own, so two servers never write one file, and put in place once whole.
cds= archive= writing=
# Archives written at exit: the first whole one becomes the archive, the rest go. A dynamic
# archive's header (magic f00baba8) is written last, so without it the dump was cut short.
settle() {
  for written in "$archive".*; do
    [ -f "$written" ] || continue
    whole=
    if [ ! -f "$archive" ]; then
      case $(od -An -tx1 -N4 "$written" 2>/dev/null) in *a8\ ab\ 0b\ f0*) whole=yes ;; esac
    fi
    if [ -n "$whole" ]; then
      mv -f "$written" "$archive" 2>/dev/null
    else
      rm -f "$written" 2>/dev/null
    fi
  done
}
case "${SHIM_CDS:-auto} $JAVA_OPTS" in
  off* | *-Xshare* | *SharedArchiveFile* | *ArchiveClassesAtExit* | *AOTCache* | *AOTMode*) ;;
  *)
    digest= handler= previous=
    if [ "$feature" -ge 17 ] && [ -r "$here/shim-manifest.properties" ]; then
      while IFS='=' read -r key value; do
        if [ "$key" = classpath.digest ]; then digest=$value; fi
      done <"$here/shim-manifest.properties"
    fi
    for argument in "$@"; do
      case $previous in --handler_name | --handler-name) handler=$argument ;; esac
      case $argument in --handler_name=* | --handler-name=*) handler=${argument#*=} ;; esac
      previous=$argument
    done
    # Only for serve: a JVM, artifact and handler known, and file names safe to pass unquoted.
    name=$runtime-$digest-$handler
    dir=${SHIM_CDS_DIR:-$here/cds}
    case $name in -* | *--* | *- | *[!A-Za-z0-9.+_-]*) name= ;; esac
    case $dir in *[[:space:]]* | *[*?[]*) name= ;; esac
    if [ -n "$name" ]; then
      archive=$dir/shim-$name.jsa
      settle
      if [ -f "$archive" ]; then
        cds="-XX:SharedArchiveFile=$archive"
      elif mkdir -p "$dir" 2>/dev/null && [ -w "$dir" ]; then
        # The runtime says in its last log line that it writes the archive, which takes seconds.
        cds="-XX:ArchiveClassesAtExit=$archive.$$ -Dshim.cds.archive=$archive -Dshim.launcher.pid=$$"
        writing=yes
      fi
      # A mismatched archive only means a start without it: no warnings about that.
      if [ -n "$cds" ]; then cds="$cds -Xlog:cds*=off"; fi
      if [ -n "$cds" ] && [ "$feature" -ge 25 ]; then cds="$cds -Xlog:aot*=off"; fi
    fi
    ;;
esac

# The options are split into words, never expanded as file names.
set -f
if [ -z "$writing" ]; then
  # exec keeps the PID, so signals reach the JVM directly.
  exec "$java" ${SHIM_HEAP:--XX:MaxRAMPercentage=75} -XX:+ExitOnOutOfMemoryError $flags $cds $JAVA_OPTS \
    -cp "$here/lib/runtime/*:$here/lib/udf/*" dev.udfshim.runtime.cli.ShimCli "$@"
fi
# The start that writes the archive: wait for the JVM (signals passed on, standard input kept),
# then put the archive it wrote in place, so no half-written or stray file is left behind.
exec 3<&0
"$java" ${SHIM_HEAP:--XX:MaxRAMPercentage=75} -XX:+ExitOnOutOfMemoryError $flags $cds $JAVA_OPTS \
  -cp "$here/lib/runtime/*:$here/lib/udf/*" dev.udfshim.runtime.cli.ShimCli "$@" <&3 3<&- &
pid=$!
exec 3<&-
# A job started with & ignores SIGINT, and so would the JVM: every stop signal goes on as SIGTERM,
# which drains the server as SIGINT does.
trap 'kill -TERM $pid 2>/dev/null' TERM INT HUP
while :; do
  wait "$pid"
  status=$?
  kill -0 "$pid" 2>/dev/null || break
done
set +f
settle
exit $status
