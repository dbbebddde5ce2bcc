import java.util.zip.ZipFile

def zip = new ZipFile(new File(basedir, 'target/fault-udfs-1.0.0-shim.zip'))
def names = zip.entries().collect { it.name }
for (udf in ['Hangs', 'HangsHard', 'Spins', 'Hog', 'LeaksThread', 'SlowStart', 'HangsInClose',
             'NullForNotNull', 'Exits', 'Slow', 'Logs', 'Fails']) {
  assert names.contains("scp_config/com.example.faults.${udf}/0/spec_base64".toString()) : udf
}
zip.close()
true
