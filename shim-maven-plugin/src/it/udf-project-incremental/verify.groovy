import java.util.zip.ZipEntry
import java.util.zip.ZipFile

// The steps of invoker.properties, one Maven run each; build.log holds them all, in order.
def runs = new File(basedir, 'build.log').text.split(/\[INFO\] Scanning for projects\.\.\./).drop(1)
assert runs.size() == 8 : "8 runs, not ${runs.size()}"
def (first, noOp, changed, changedClean, deleted, deletedClean, parameter, parameterClean) = runs

def goals = ['Extraction', 'Spec generation', 'Packaging']
def skipped = { String run, String goal ->
  run.contains("[INFO] ${goal} skipped, nothing changed since the last run: ")
}
def reran = { String run, String goal, String why ->
  run.contains("[INFO] ${goal} runs: ${why} changed since the last run.")
}
def worked = { String run -> run.contains('[INFO] Extracted ') || run.contains('[INFO] Wrote ') || run.contains('Building zip:') }

// 1. A first build does all the work and has no record to talk about.
assert first.contains('Extracted 3 UDF(s), 3 signature(s)')
assert !first.contains(' skipped, nothing changed') && !first.contains(' runs: ')

// 2. Nothing changed: one line per goal, nothing extracted, written or zipped.
goals.each { assert skipped(noOp, it) : "${it} is skipped on a no-op build" }
assert !worked(noOp)

// 3. One class changed: everything downstream of the classes is done again.
assert reran(changed, 'Extraction', 'project classes')
assert reran(changed, 'Spec generation', 'project classes and signatures')
assert reran(changed, 'Packaging', 'project jar, signatures and specs')
assert changed =~ /com\.example\.incremental\.Celsius\s+0\s+SCALAR\s+\(fahrenheit DOUBLE, digits INT\)/

// 4. A class deleted: its signatures, specs and zip entries are gone.
assert reran(deleted, 'Extraction', 'project classes')
assert deleted.contains('Extracted 2 UDF(s), 2 signature(s)')
assert !new File(basedir, 'kept-4/shim/signatures.json').text.contains('Tokens')
assert !new File(basedir, 'kept-4/shim/scp_config/com.example.incremental.Tokens').exists()

// 5. A parameter changed: extraction stays, the specs and the zips follow.
assert skipped(parameter, 'Extraction')
assert reran(parameter, 'Spec generation', 'parameters')
assert reran(parameter, 'Packaging', 'specs')
def spec = new File(basedir, 'kept-5/shim/scp_config/com.example.incremental.Celsius/0/spec_base64')
assert new String(spec.text.trim().decodeBase64(), 'ISO-8859-1').contains('changed-id')

// Every incremental result equals the clean build of the same sources, byte for byte.
def files = { File root ->
  def found = [:]
  root.eachFileRecurse(groovy.io.FileType.FILES) { found[root.toPath().relativize(it.toPath()).toString()] = it }
  found
}
[3, 4, 5].each { step ->
  def kept = files(new File(basedir, "kept-${step}"))
  def clean = new File(basedir, "clean-${step}")
  assert kept.keySet().containsAll(['incremental-udfs-1.0.0-shim.zip', 'incremental-udfs-1.0.0-udf.zip', 'shim/signatures.json'])
  def cleanFiles = files(clean).findAll { k, v -> kept.containsKey(k) || k.startsWith('shim/scp_config/') }
  assert kept.keySet() == cleanFiles.keySet() : "step ${step}: the kept files are those of the clean build"
  kept.each { name, file ->
    assert file.bytes == cleanFiles[name].bytes : "step ${step}: ${name} differs from the clean build's"
  }
}

// Jars go into the zip as they are; the rest is deflated.
def zip = new ZipFile(new File(basedir, 'target/incremental-udfs-1.0.0-shim.zip'))
def entries = zip.entries().toList().findAll { !it.isDirectory() }
assert entries.findAll { it.name.endsWith('.jar') }.every { it.method == ZipEntry.STORED }
assert entries.findAll { !it.name.endsWith('.jar') }.every { it.method == ZipEntry.DEFLATED }
assert entries.count { it.name.startsWith('lib/runtime/') } > 40
zip.close()
true
