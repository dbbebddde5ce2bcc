import java.util.zip.ZipFile

def log = new File(basedir, 'build.log').text
assert log =~ /\[WARNING\] The shim provides Flink's table API, so these dependencies are left out of the artifact: .*org\.apache\.flink:flink-table-common:/
assert log.contains('Declare them with <scope>provided</scope>.')

def zip = new ZipFile(new File(basedir, 'target/bundling-udfs-1.0.0-shim.zip'))
def udfJars = zip.entries().findAll { !it.isDirectory() }.collect { it.name }.findAll { it.startsWith('lib/udf/') }
assert udfJars == ['lib/udf/bundling-udfs-1.0.0.jar'] : "lib/udf holds only the UDF jar, not Flink: ${udfJars}"
zip.close()
def upload = new ZipFile(new File(basedir, 'target/bundling-udfs-1.0.0-udf.zip'))
assert upload.entries().collect { it.name } == ['bundling-udfs-1.0.0.jar']
upload.close()
true
