def log = new File(basedir, 'build.log').text
assert log.contains('protoc could not compile the .proto files in')
assert log =~ /bad\.proto:6:\d+: "strin" is not defined\./
true
