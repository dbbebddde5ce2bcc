import java.util.zip.ZipFile

def log = new File(basedir, 'build.log').text

// 1: built for Flink 2.3.
assert log.contains('Extracted 2 UDF(s), 2 signature(s) with Flink 2.3.0, into ')
assert log.contains('Tests run on the shim runtime with Flink 2.3.0 (')
assert log =~ /Tests run: 1, Failures: 0, Errors: 0, Skipped: 0, Time elapsed: .* in com\.example\.newer\.VariantInEvalTest/
assert log.contains("[WARNING] com.example.newer.LegacyTimestamp overrides getResultType(Class[]), Flink 1.x's legacy type hook, which Flink's type inference ignores and so does the shim: the types come from the eval methods, (t TIMESTAMP(9)) -> TIMESTAMP(9); if other types are meant, declare them with @DataTypeHint or @FunctionHint and remove the override.")

// 2: a VARIANT argument.
assert log.contains("com.example.newer.TakesVariant: TYPE_EXTRACTION_ERROR: In 'com.example.newer.TakesVariant', argument 'v' has type VARIANT, and VARIANT cannot cross the remote UDF wire format, since the platform's UDF spec has no type for it; take and return semi-structured values as a STRING holding JSON instead, parsed and written in eval.")
assert !log.contains('bundle that dependency')

// 3: built for Flink 1.20, which has no Variant: each use is one sentence, the build fails.
def lacks = { String user, String member ->
  "${user} uses ${member} (in eval), which Flink 1.20.3, the one the shim runtime runs, does not have; Flink 2.1, 2.2 and 2.3 have it: build for one of those (the Flink the project compiles against, or shim.flinkVersion), or stop using it."
}
assert log.contains('3 use(s) of Flink that the shim runtime\'s Flink 1.20.3 lacks; each would fail when the UDF runs:')
assert log.contains(lacks('com.example.newer.VariantInEval', 'class org.apache.flink.types.variant.Variant'))
assert log.contains(lacks('com.example.newer.VariantInEval', 'class org.apache.flink.types.variant.VariantBuilder'))
assert log.contains(lacks('com.example.newer.TakesVariant', 'class org.apache.flink.types.variant.Variant'))

// 4: the same with failOnError=false: warnings, and an artifact on Flink 1.20.
assert log.contains("[WARNING] 3 use(s) of Flink that the shim runtime's Flink 1.20.3 lacks")
assert log.contains('Extracted 1 UDF(s), 1 signature(s) with Flink 1.20.3, into ')
def zip = new ZipFile(new File(basedir, 'target/newer-udfs-1.0.0-shim.zip'))
try {
  def names = zip.entries().collect { it.name }
  assert names.contains('lib/runtime/flink-table-common-1.20.3.jar')
  assert !names.any { it.contains('flink-table-common-2.3.0') }
} finally {
  zip.close()
}
true
