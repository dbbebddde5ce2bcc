import groovy.json.JsonSlurper
import java.util.zip.ZipFile

// Each finding is one line of the build log naming the class (or jar), the cause and the fix.
def log = new File(basedir, 'build.log').text

// Kinds the platform does not host: rows of the table, and one warning each.
for (kind in [Sessions: 'ProcessTableFunction', TopTwo: 'TableAggregateFunction', Total: 'AggregateFunction']) {
  def udf = "com.example.findings.${kind.key}"
  assert log =~ /${udf.replace('.', '\\.')}\s+-\s+${kind.value}\s+not hosted: the platform runs ScalarFunction and TableFunction only/ : udf
  assert log.contains("[WARNING] ${udf} is a Flink ${kind.value}, which the remote platform does not host"
      + ' (it runs ScalarFunction and TableFunction only), so it is not in the shim artifact;'
      + ' register it in Flink itself, or move it out of this project.') : udf
}
// The optional argument, in brackets in the table.
assert log =~ /com\.example\.findings\.Greeting\s+0\s+SCALAR\s+\(name VARCHAR\(2147483647\), \[greeting VARCHAR\(2147483647\)\]\)/
assert log.contains('Extracted 6 UDF(s), 6 signature(s)')

// A signature Flink SQL cannot call.
assert log.contains('[WARNING] com.example.findings.Clock signature 0 uses TIME(9), which Flink SQL cannot'
    + ' call: its planner holds TIME values at precision 0 only, so the query fails at planning;'
    + ' declare TIME(0) (@DataTypeHint("TIME(0)")), or carry the time as a TIMESTAMP(p) or a STRING.')

// A dependency the runtime's own copy shadows, both versions named.
assert log =~ /\[WARNING\] com\.google\.protobuf:protobuf-java 3\.21\.12 of the project is shadowed by the shim runtime's 3\.25\.\d+: the artifact leaves it out/

// Logging the runtime will not use: backends, bindings, config files.
assert log.contains('[WARNING] findings-udfs-1.0.0.jar (the project\'s jar) holds log4j2.xml, which the shim'
    + ' runtime never reads: it sends the Log4j 2 API to its own log (stderr), so its file appender File'
    + ' never writes; remove it from the jar, and read the UDF\'s lines in the server\'s log.')
assert log.contains('[WARNING] findings-udfs-1.0.0.jar (the project\'s jar) holds logback.xml, which changes nothing')
assert log.contains('[WARNING] log4j-core-2.25.3.jar (org.apache.logging.log4j:log4j-core:2.25.3) bundles'
    + ' Log4j 2\'s backend (log4j-core)')
assert log.contains('[WARNING] log4j-slf4j2-impl-2.25.3.jar (org.apache.logging.log4j:log4j-slf4j2-impl:2.25.3)'
    + ' bundles an SLF4J binding to Log4j 2')
assert log.contains('[WARNING] log4j-1.2.17.jar (log4j:log4j:1.2.17) bundles Log4j 1.x (log4j or reload4j),'
    + ' whose lines go to its own appenders, which nothing configures on the platform, so they are lost;'
    + ' exclude it and add org.slf4j:log4j-over-slf4j, which sends them to the server\'s log.')

// UdfTester: the optional argument left out, and transient state lost in the serialization round trip.
assert log =~ /Tests run: 2, Failures: 0, Errors: 0, Skipped: 0.* in com\.example\.findings\.FindingsTest/

// signatures.json keeps Flink's optional flags, only where an argument is optional.
def json = new JsonSlurper().parse(new File(basedir, 'target/shim/signatures.json'))
def byClass = json.functions.collectEntries { [(it.className): it] }
assert byClass.keySet() == ['Amount', 'AmountNotNull', 'Amounts', 'Clock', 'DateText', 'Greeting']
    .collect { "com.example.findings.${it}".toString() } as Set : 'the kinds not hosted are not in it'
def greeting = byClass['com.example.findings.Greeting'].signatures[0]
assert greeting.argumentNames == ['name', 'greeting']
assert greeting.argumentOptional == [false, true]
assert !byClass['com.example.findings.Clock'].signatures[0].containsKey('argumentOptional')

def zip = new ZipFile(new File(basedir, 'target/findings-udfs-1.0.0-shim.zip'))
def names = zip.entries().collect { it.name }
assert names.contains('scp_config/com.example.findings.Greeting/0/spec_base64')
assert !names.any { it.startsWith('scp_config/com.example.findings.Total/') }
assert !names.any { it ==~ /lib\/udf\/protobuf-java-.*\.jar/ } : 'the shadowed copy is left out'
zip.close()
true
