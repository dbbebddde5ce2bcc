package dev.udfshim.protocol.layout;

import dev.udfshim.protocol.config.ConfigKeys;

/**
 * The names inside the shim artifact (the zip {@code mvn package} writes, and {@code
 * target/shim/}), as the platform, the launchers and the Flink client find them:
 *
 * <pre>
 * bin/shim, bin/shim.cmd                 launchers: bin/shim serve --handler_name ...
 * lib/runtime/*.jar                      shim-runtime and its dependencies
 * lib/udf/*.jar                          the UDF jar and its runtime dependencies
 * scp_config/&lt;class&gt;/&lt;n&gt;/spec_base64    one config override dir per signature
 * signatures.json                        what extraction found
 * shim-manifest.properties               versions, and what the launcher needs
 * </pre>
 *
 * Paths are relative to the artifact's root and use '/'. The build folder the artifact is assembled
 * from ({@code target/shim/}) holds {@value #SIGNATURES} and {@value #CONFIG_ROOT} under the same
 * names, and the work folders of local runs ({@value #LOCAL}) beside them.
 */
public final class ShimLayout {
  /** The launcher for POSIX shells. */
  public static final String LAUNCHER = "bin/shim";

  /** The launcher for Windows. */
  public static final String LAUNCHER_CMD = "bin/shim.cmd";

  /** The folder of shim-runtime and its dependencies. */
  public static final String RUNTIME_LIB = "lib/runtime";

  /** The folder of the UDF jar and its dependencies. */
  public static final String UDF_LIB = "lib/udf";

  /** The folder of the config override dirs, one per signature. */
  public static final String CONFIG_ROOT = "scp_config";

  /** What extraction found: the UDFs and their signatures, in signature order. */
  public static final String SIGNATURES = "signatures.json";

  /** The artifact's versions, as properties. */
  public static final String MANIFEST = "shim-manifest.properties";

  /** How a server is started from the unzipped artifact (the manifest's {@code launcher}). */
  public static final String SERVE_COMMAND =
      LAUNCHER + " serve --handler_name extraction|execution";

  /**
   * How a server is started from the unzipped runtime-only artifact, which holds no UDF: the user's
   * UDF upload zip (or its jars, or a folder of them) comes as it is.
   */
  public static final String RUNTIME_SERVE_COMMAND =
      SERVE_COMMAND + " --udf-classpath <udf zip> --config_override_dir <dir>";

  /**
   * In the build folder, not the artifact: a build folder of its own for local runs ({@code mvn
   * shim:run}, {@code shim:invoke}), so they never touch what the artifact is made of.
   */
  public static final String LOCAL = "local";

  /**
   * In the build folder: a class folder the project's tests run with ({@code shim:prepare-tests}
   * puts it on surefire's class path), holding {@value #TEST_FLINK}.
   */
  public static final String TEST_CLASSPATH = "test-classpath";

  /**
   * A resource of {@value #TEST_CLASSPATH}: the Flink version the build resolved the runtime with,
   * one line, which UdfTester checks the Flink on its class path against.
   */
  public static final String TEST_FLINK = "META-INF/udf-shim/flink.version";

  /** In a local run's build folder: the (empty) config override dir of an extraction server. */
  public static final String EMPTY_CONFIG = "empty-config";

  /** Keys of {@value #MANIFEST}. */
  public static final class Manifest {
    /** The digest of the class path, which names the launcher's class-data sharing archive. */
    public static final String CLASSPATH_DIGEST = "classpath.digest";

    public static final String SHIM_VERSION = "shim.version";
    public static final String FLINK_VERSION = "flink.version";

    /** groupId:artifactId:version of the UDF project. */
    public static final String UDF_ARTIFACT = "udf.artifact";

    public static final String JAVA_RELEASE = "java.release";

    /** How to start a server, for people reading the file. */
    public static final String LAUNCHER = "launcher";

    private Manifest() {}
  }

  private ShimLayout() {}

  /**
   * The config override dir of signature {@code index} of a UDF, relative to {@value #CONFIG_ROOT}:
   * {@code <class>/<n>}.
   */
  public static String signatureDirectory(String className, int index) {
    return className + "/" + index;
  }

  /** The config override dir of a signature in the artifact: {@code scp_config/<class>/<n>}. */
  public static String specDirectory(String className, int index) {
    return CONFIG_ROOT + "/" + signatureDirectory(className, index);
  }

  /** The spec file of a signature, relative to {@value #CONFIG_ROOT}. */
  public static String specFile(String className, int index) {
    return signatureDirectory(className, index) + "/" + ConfigKeys.SPEC_VAR;
  }
}
