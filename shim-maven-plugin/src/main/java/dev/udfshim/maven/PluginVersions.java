package dev.udfshim.maven;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The tool versions this plugin was built with (filtered from the parent pom). */
public final class PluginVersions {
  private static final Properties VERSIONS = load();

  private PluginVersions() {}

  public static String protobuf() {
    return VERSIONS.getProperty("protobuf.version");
  }

  public static String grpc() {
    return VERSIONS.getProperty("grpc.version");
  }

  /** plexus-archiver, which the plugin resolves when it writes a zip. */
  public static String plexusArchiver() {
    return VERSIONS.getProperty("plexus-archiver.version");
  }

  /**
   * One version of each Flink line a UDF project may compile against, oldest first (the parent
   * pom's {@code flink.supported.versions}).
   */
  public static java.util.List<String> supportedFlink() {
    return java.util.List.of(VERSIONS.getProperty("flink.supported.versions").split(",", -1));
  }

  /** The Flink the runtime is built against: the default of a project that declares none. */
  public static String defaultFlink() {
    return VERSIONS.getProperty("flink.version");
  }

  public static String shim() {
    return VERSIONS.getProperty("shim.version");
  }

  /** The plugin's own jar (or classes folder), an input of every incremental goal. */
  public static java.nio.file.Path pluginJar() {
    try {
      return java.nio.file.Path.of(
          PluginVersions.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException("The plugin's own jar has no file location", e);
    }
  }

  /** Every version, by its parent pom property name (e.g. {@code maven-jar-plugin.version}). */
  public static java.util.Map<String, String> all() {
    java.util.Map<String, String> all = new java.util.TreeMap<>();
    VERSIONS.stringPropertyNames().forEach(key -> all.put(key, VERSIONS.getProperty(key)));
    return all;
  }

  private static Properties load() {
    Properties properties = new Properties();
    try (InputStream in = PluginVersions.class.getResourceAsStream("versions.properties")) {
      if (in == null) {
        throw new IllegalStateException("versions.properties is missing from the plugin jar");
      }
      properties.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return properties;
  }
}
