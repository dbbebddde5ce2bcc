def log = new File(basedir, 'build.log').text
assert log.contains('2 UDF(s) cannot run on the remote platform:')
assert log.contains("com.example.broken.NeedsConfig: NO_PUBLIC_NO_ARG_CONSTRUCTOR: Class 'com.example.broken.NeedsConfig' has no public no-argument constructor; add one, since the platform creates the function through it.")
assert log.contains("com.example.broken.Untyped: TYPE_EXTRACTION_ERROR: Flink could not infer the types of 'com.example.broken.Untyped':")
assert log.contains("in parameter 0 of method 'eval'")
assert log =~ /com\.example\.broken\.Fine\s+0\s+SCALAR\s+\(x INT\)\s+INT\s+true/
assert !new File(basedir, 'target/broken-udfs-1.0.0-shim.zip').exists()
true
