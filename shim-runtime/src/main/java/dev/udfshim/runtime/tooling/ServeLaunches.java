package dev.udfshim.runtime.tooling;

import dev.udfshim.tooling.ServeLaunch;
import dev.udfshim.tooling.ServeRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * The runtime's own {@code serve}, as bin/shim starts it, for a JVM the build tool forks: so a
 * local server drains on SIGTERM and exits with the codes the launcher's does (0, 2, 3, 4).
 */
final class ServeLaunches {
  private ServeLaunches() {}

  static ServeLaunch of(ServeRequest request) {
    return new ServeLaunch(jvmOptions(Runtime.version().feature()), arguments(request));
  }

  /**
   * What bin/shim always passes, for a JVM of this feature version: out of memory ends the process
   * (exit code 3), and on JDK 24+ protobuf's and netty's warnings are off. Not its heap default (a
   * share of a container's memory, not of a workstation's) nor its class-data archive (it belongs
   * to an unzipped artifact).
   */
  static List<String> jvmOptions(int feature) {
    List<String> options = new ArrayList<>(List.of("-XX:+ExitOnOutOfMemoryError"));
    if (feature >= 24) {
      options.add("--sun-misc-unsafe-memory-access=allow");
      options.add("--illegal-native-access=allow");
    }
    return options;
  }

  private static List<String> arguments(ServeRequest request) {
    List<String> arguments = new ArrayList<>(List.of("serve"));
    if (request.artifact() != null) {
      arguments.addAll(List.of("--all", "--artifact", request.artifact().toString()));
    } else {
      arguments.addAll(
          List.of(
              "--handler_name",
              request.handler(),
              "--config_override_dir",
              request.configDirectory().toString()));
    }
    arguments.addAll(
        List.of(
            "--host",
            request.host(),
            "--port",
            String.valueOf(request.port()),
            "--stop-with-stdin"));
    if (request.portFile() != null) {
      arguments.add("--port-file");
      arguments.add(request.portFile().toString());
    }
    return arguments;
  }
}
