def log = new File(basedir, 'build.log').text
// Every goal ran ...
assert log.contains('Extracted 1 UDF(s), 1 signature(s)')
assert log.contains('shim-maven-plugin:')  // help
assert log =~ /(?m)^7$/                  // invoke: the answer on a line of its own
assert new File(basedir, 'target/init/fresh/pom.xml').isFile()
// ... and Maven found nothing to say about any plugin of the build.
def issues = log.readLines().findAll { it =~ /(?i)validation issue|plugin validation/ }
assert issues.isEmpty() : "plugin validation warnings:\n${issues.join('\n')}"
true
