import java.util.zip.ZipFile

def log = new File(basedir, 'build.log').text
assert log.contains('FUNCTION')
assert log =~ /com\.example\.udfs\.AddOne\s+0\s+SCALAR\s+\(i BIGINT, j BIGINT\)\s+BIGINT\s+true/
assert log.contains('Extracted 4 UDF(s), 5 signature(s)')
assert log.contains('Wrote 5 spec_base64 file(s)')
assert !log.contains('is not reproducible') : 'a pinned jar plugin and outputTimestamp give no warning'
// The sample's own tests ran, through UdfTester.
assert log =~ /Tests run: 4, Failures: 0, Errors: 0, Skipped: 0.* in com\.example\.udfs\.UdfsTest/

for (dir in ['target', 'target2']) {
  def zip = new ZipFile(new File(basedir, dir + '/good-udfs-1.0.0-shim.zip'))
  def names = zip.entries().collect { it.name }
  assert names.contains('bin/shim')
  assert names.contains('bin/shim.cmd')
  assert names.contains('signatures.json')
  assert names.contains('shim-manifest.properties')
  assert names.contains('lib/udf/good-udfs-1.0.0.jar')
  assert names.contains('lib/udf/commons-codec-1.17.1.jar')
  assert names.any { it ==~ /lib\/runtime\/shim-runtime-.*\.jar/ }
  assert names.any { it ==~ /lib\/runtime\/flink-table-common-.*\.jar/ }
  assert names.contains('scp_config/com.example.udfs.AddOne/0/spec_base64')
  assert names.contains('scp_config/com.example.udfs.HexUpper/1/spec_base64')
  assert names.contains('scp_config/com.example.udfs.SplitWords/0/spec_base64')
  zip.close()
  def udf = new ZipFile(new File(basedir, dir + '/good-udfs-1.0.0-udf.zip'))
  assert udf.entries().collect { it.name }.sort() == ['commons-codec-1.17.1.jar', 'good-udfs-1.0.0.jar']
  udf.close()
}
def installed = new File(localRepositoryPath, 'com/example/good-udfs/1.0.0')
assert new File(installed, 'good-udfs-1.0.0-shim.zip').isFile() : 'the shim zip is attached and installed'
assert new File(installed, 'good-udfs-1.0.0-udf.zip').isFile() : 'the UDF zip is attached and installed'

def first = new File(basedir, 'target/good-udfs-1.0.0-shim.zip').bytes
def second = new File(basedir, 'target2/good-udfs-1.0.0-shim.zip').bytes
assert first == second : 'two clean builds must give byte-identical shim zips'
true
