package dev.udfshim.runtime.tooling;

import dev.udfshim.tooling.BuildLayout;
import java.nio.file.Path;

/**
 * The names of the shim artifact and of the build folder it is assembled from; the plugin learns
 * them through {@link dev.udfshim.tooling.ShimTooling}, never by name.
 */
final class ArtifactLayout {
  static final String LAUNCHER = "bin/shim";
  static final String WINDOWS_LAUNCHER = "bin/shim.cmd";
  static final String RUNTIME_JARS = "lib/runtime/";
  static final String UDF_JARS = "lib/udf/";
  static final String CONFIG_DIRECTORY = "scp_config";
  static final String SIGNATURES = "signatures.json";
  static final String MANIFEST = "shim-manifest.properties";

  /** The serve command line the manifest names; bin/shim passes its arguments to the runtime. */
  static final String LAUNCHER_COMMAND = LAUNCHER + " serve --handler_name extraction|execution";

  /** The shim directory of local runs, and the config dir of a local extraction server. */
  static final String LOCAL_DIRECTORY = "local";

  static final String EMPTY_CONFIG = "empty-config";

  private ArtifactLayout() {}

  static BuildLayout of(Path shimDirectory) {
    return new BuildLayout(
        shimDirectory.resolve(SIGNATURES),
        shimDirectory.resolve(CONFIG_DIRECTORY),
        shimDirectory.resolve(LOCAL_DIRECTORY));
  }
}
