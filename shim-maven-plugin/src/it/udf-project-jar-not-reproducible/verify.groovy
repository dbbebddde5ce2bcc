def log = new File(basedir, 'build.log').text
// The build goes on, with one warning that names the jar, the plugin and the fix.
assert log =~ /\[WARNING\] The project's jar old-jar-udfs-1\.0\.0\.jar \(maven-jar-plugin 2\.4\) is not reproducible: its entry \S+ has the time \S+, not project\.build\.outputTimestamp 2026-01-01T00:00:00Z; pin maven-jar-plugin to 3\.2\.0 or later \(<version>3\.4\.2<\/version>\) and set project\.build\.outputTimestamp/
assert new File(basedir, 'target/old-jar-udfs-1.0.0-shim.zip').isFile()
true
