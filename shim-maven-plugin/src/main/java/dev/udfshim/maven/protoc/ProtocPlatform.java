package dev.udfshim.maven.protoc;

import java.util.Locale;

/**
 * The Maven classifier of the protoc and protoc-gen-grpc-java binaries for one OS and CPU. Both
 * projects publish the same classifiers, so one mapping serves both.
 */
public record ProtocPlatform(String classifier, boolean windows) {

  static final String SUPPORTED =
      "linux-x86_64, linux-aarch_64, linux-ppcle_64, linux-s390_64, osx-x86_64, osx-aarch_64,"
          + " windows-x86_64";

  /** The platform of this JVM. */
  public static ProtocPlatform current() throws ProtocException {
    return of(System.getProperty("os.name", ""), System.getProperty("os.arch", ""));
  }

  /** Maps Java's {@code os.name} and {@code os.arch} to a published classifier, or fails. */
  public static ProtocPlatform of(String osName, String osArch) throws ProtocException {
    String os = osName.toLowerCase(Locale.ROOT);
    String arch = osArch.toLowerCase(Locale.ROOT);
    String osPart;
    if (os.startsWith("linux")) {
      osPart = "linux";
    } else if (os.startsWith("mac") || os.startsWith("darwin")) {
      osPart = "osx";
    } else if (os.startsWith("windows")) {
      osPart = "windows";
    } else {
      throw unsupported(osName, osArch);
    }
    String archPart =
        switch (arch) {
          case "amd64", "x86_64", "x86-64" -> "x86_64";
          case "aarch64", "arm64" -> "aarch_64";
          case "ppc64le" -> "ppcle_64";
          case "s390x" -> "s390_64";
          default -> throw unsupported(osName, osArch);
        };
    String classifier = osPart + "-" + archPart;
    if (!SUPPORTED.contains(classifier)) {
      throw unsupported(osName, osArch);
    }
    return new ProtocPlatform(classifier, osPart.equals("windows"));
  }

  private static ProtocException unsupported(String osName, String osArch) {
    return new ProtocException(
        "No protoc binary is published on Maven Central for this platform (os.name="
            + osName
            + ", os.arch="
            + osArch
            + "); build on one of: "
            + SUPPORTED
            + ".");
  }
}
