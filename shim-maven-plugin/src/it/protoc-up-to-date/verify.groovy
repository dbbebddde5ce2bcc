def out = new File(basedir, 'target/generated-sources/protobuf/com/example/greeting')
assert new File(out, 'Greeting.java').isFile()
assert new File(out, 'GreeterGrpc.java').isFile()
def log = new File(basedir, 'build.log').text
assert log.contains('1 .proto file(s) unchanged; generated sources are up to date.')
true
