import java.util.zip.ZipFile

def log = new File(basedir, 'build.log').text
assert log.contains('with a thread count of 2') : 'the projects were built in parallel'

// Each project opens one runtime class loader for extract, gen-spec reuses it, and it is closed
// when that project's build ends: never shared between projects, never left open.
['alpha', 'beta'].each { module ->
  def project = "com.example:${module}:1.0.0"
  def lines = log.readLines().findAll { it.contains("class loader of ${project} ") }
  assert lines.size() == 3 : "${module}: ${lines}"
  assert lines[0] =~ /\[DEBUG\] Opened the shim runtime class loader of .* \(\d+ entries\)/
  assert lines[1].contains('[DEBUG] Reusing the shim runtime class loader of')
  assert lines[2].contains('[DEBUG] Closed the shim runtime class loader of')
}
assert !log.contains('outdated shim runtime class loader')

def alpha = new ZipFile(new File(basedir, 'alpha/target/alpha-1.0.0-shim.zip'))
assert alpha.getEntry('scp_config/com.example.alpha.Clamp/0/spec_base64') != null
assert alpha.getEntry('scp_config/com.example.beta.Reverse/0/spec_base64') == null
alpha.close()
def beta = new ZipFile(new File(basedir, 'beta/target/beta-1.0.0-shim.zip'))
assert beta.getEntry('scp_config/com.example.beta.Reverse/0/spec_base64') != null
beta.close()
true
