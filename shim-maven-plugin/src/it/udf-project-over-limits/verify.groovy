def log = new File(basedir, 'build.log').text
assert log.contains("[WARNING] over-limits-udfs-1.0.0.jar carries 1 of Flink's own classes (e.g. org/apache/flink/table/shaded/Copied.class); the shim provides Flink's table API, and a second copy clashes with it at run time.")
assert log =~ /\[ERROR\] .*The UDF upload zip over-limits-udfs-1\.0\.0-udf\.zip is 0\.\d MiB, over the platform's artifact limit of 0\.1 MiB; its largest jars are commons-codec-1\.17\.1\.jar \(0\.\d MiB\), over-limits-udfs-1\.0\.0\.jar \(0\.0 MiB\)\. Leave out what the UDFs do not need/
true
