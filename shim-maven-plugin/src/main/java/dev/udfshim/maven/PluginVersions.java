package dev.udfshim.maven;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The tool versions this plugin was built with (filtered from the parent pom). */
final class PluginVersions {
  private static final Properties VERSIONS = load();

  private PluginVersions() {}

  static String protobuf() {
    return VERSIONS.getProperty("protobuf.version");
  }

  static String grpc() {
    return VERSIONS.getProperty("grpc.version");
  }

  static String shim() {
    return VERSIONS.getProperty("shim.version");
  }

  /** Every version, by its parent pom property name (e.g. {@code maven-jar-plugin.version}). */
  static java.util.Map<String, String> all() {
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
