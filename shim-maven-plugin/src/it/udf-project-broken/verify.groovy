def log = new File(basedir, 'build.log').text
assert log.contains('2 UDF(s) cannot run on the remote platform:')
assert log.contains("com.example.broken.NeedsConfig: NO_PUBLIC_NO_ARG_CONSTRUCTOR: Class 'com.example.broken.NeedsConfig' has no public no-argument constructor; add one, since the platform creates the function through it.")
// Object: one message that the platform needs one concrete SQL type per argument.
assert log.contains("com.example.broken.Untyped: TYPE_EXTRACTION_ERROR: In 'com.example.broken.Untyped', argument 1 of eval is declared Object, which has no SQL type, but the platform calls a UDF through fixed signatures, one concrete SQL type per argument and result: declare a class Flink maps to one SQL type")
// Failing UDFs are rows of the build's table too.
assert log =~ /com\.example\.broken\.Untyped\s+-\s+FAILED\s+TYPE_EXTRACTION_ERROR \(the reason follows\)/
assert log =~ /com\.example\.broken\.Fine\s+0\s+SCALAR\s+\(x INT\)\s+INT\s+true/
assert !new File(basedir, 'target/broken-udfs-1.0.0-shim.zip').exists()
true
