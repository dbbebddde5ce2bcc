import java.util.zip.ZipFile

def log = new File(basedir, 'build.log').text

assert log.contains('-Dflink.version=1.19.3 is not a Flink the shim runs UDFs on; pass one of Flink 1.20, 2.0, 2.1, 2.2 and 2.3, e.g. -Dflink.version=2.3.0.')
assert !new File(basedir, 'on-flink-1.19.3').exists()

for (version in ['1.20.3', '2.1.1', '2.2.1', '2.3.0']) {
  def project = new File(basedir, "on-flink-${version}")
  assert new File(project, 'pom.xml').text.contains("<flink.version>${version}</flink.version>")
  assert log.contains("The new project compiles against and runs on Flink ${version}")
  assert log.contains("Extracted 2 UDF(s), 2 signature(s) with Flink ${version}, into ${project.canonicalPath}")
  assert log.contains("Tests run on the shim runtime with Flink ${version} (")

  // Its tests ran (on that Flink: UdfTester refuses any other) and passed.
  def reports = new File(project, 'target/surefire-reports')
  for (test in ['AddOneTest', 'SplitWordsTest']) {
    def report = new File(reports, "TEST-com.acme.${test}.xml").text
    assert report.contains('errors="0"') && report.contains('failures="0"') && !report.contains('tests="0"') : "${version} ${test}"
  }
  assert new File(project, 'target/shim/test-classpath/META-INF/udf-shim/flink.version').text.trim() == version

  // The zip carries that Flink, and only it, and says so.
  def zip = new ZipFile(new File(project, "target/on-flink-${version}-1.0.0-SNAPSHOT-shim.zip"))
  try {
    def names = zip.entries().collect { it.name }
    for (artifact in ['flink-core', 'flink-table-common', 'flink-table-runtime', 'flink-annotations']) {
      assert names.contains("lib/runtime/${artifact}-${version}.jar".toString()) : "${version}: ${artifact}"
    }
    def others = names.findAll { it ==~ /lib\/runtime\/flink-(core|table-common|table-runtime|annotations|core-api|metrics-core)-[0-9].*\.jar/ && !it.endsWith("-${version}.jar") }
    assert others.isEmpty() : "${version}: ${others}"
    def manifest = new Properties()
    zip.getInputStream(zip.getEntry('shim-manifest.properties')).withCloseable { manifest.load(it) }
    assert manifest.getProperty('flink.version') == version
  } finally {
    zip.close()
  }
}
true
