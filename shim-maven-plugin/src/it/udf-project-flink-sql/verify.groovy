import groovy.json.JsonSlurper
import java.util.zip.ZipFile

def log = new File(basedir, 'build.log').text
assert log.contains('Extracted 10 UDF(s), 13 signature(s)')

def signatures = new JsonSlurper().parse(new File(basedir, 'target/shim/signatures.json'))
def byName = signatures.functions.collectEntries { [it.className, it] }
assert byName['com.example.flinksql.Greet'].signatures*.argumentTypes ==
    [['VARCHAR(2147483647)'], ['VARCHAR(2147483647)', 'VARCHAR(2147483647)']]
assert byName['com.example.flinksql.RandomBelow'].deterministic == false
assert byName['com.example.flinksql.SplitWords'].kind == 'TABLE'
assert byName['com.example.flinksql.Shift'].signatures.size() == 3

def zip = new ZipFile(new File(basedir, 'target/flink-sql-udfs-1.0.0-shim.zip'))
def names = zip.entries().collect { it.name }
assert names.contains('signatures.json')
assert names.contains('lib/udf/flink-sql-udfs-1.0.0.jar')
assert names.contains('scp_config/com.example.flinksql.Shift/2/spec_base64')
zip.close()
true
