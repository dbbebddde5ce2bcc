def log = new File(basedir, 'build.log').text
def first = new File(basedir, 'first/acme-udfs')
def second = new File(basedir, 'second/acme-udfs')

// What init wrote.
for (path in ['pom.xml', 'README.md', '.gitignore', 'src/main/java/com/acme/AddOne.java',
              'src/main/java/com/acme/SplitWords.java', 'src/test/java/com/acme/AddOneTest.java',
              'src/test/java/com/acme/SplitWordsTest.java']) {
  assert new File(first, path).isFile() : path
  assert new File(first, path).text == new File(second, path).text : "init is deterministic: ${path}"
}
assert log.contains('New UDF project in ')
assert log.contains('already exists, and init never overwrites a project; choose another -DartifactId, or run init in another folder.')

// Both builds ran the generated tests, through UdfTester.
assert (log =~ /Tests run: 1, Failures: 0, Errors: 0, Skipped: 0, Time elapsed: .* in com\.acme\.AddOneTest/).size() >= 2
assert (log =~ /Tests run: 1, Failures: 0, Errors: 0, Skipped: 0, Time elapsed: .* in com\.acme\.SplitWordsTest/).size() >= 2
assert log =~ /Extracted 2 UDF\(s\), 2 signature\(s\) with Flink \d/
assert log =~ /Tests run on the shim runtime with Flink \d/

// Two clean builds in two folders: byte-identical zips.
for (name in ['acme-udfs-1.0.0-SNAPSHOT-shim.zip', 'acme-udfs-1.0.0-SNAPSHOT-udf.zip']) {
  def a = new File(first, 'target/' + name)
  def b = new File(second, 'target/' + name)
  assert a.isFile() && b.isFile() : name
  assert a.bytes == b.bytes : "two clean builds give the same bytes: ${name}"
}
true
