package dev.udfshim.runtime.handler;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Config vars from a config override folder: the value of var {@code K} is the content of the file
 * {@code DIR/K}. Files are read on each lookup, so a var written after start is seen.
 */
public final class ConfigDirContext implements Context {
  private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_.\\-]+");

  private final Path directory;

  public ConfigDirContext(Path directory) {
    this.directory = directory;
  }

  public Path directory() {
    return directory;
  }

  /** Whether a config var of this name can exist: a file name, never a path. */
  public static boolean isKey(String key) {
    return key != null && KEY.matcher(key).matches() && !key.equals(".") && !key.equals("..");
  }

  @Override
  public Optional<String> getConfigValue(String key) {
    // A key is a file name, never a path: nothing outside the folder is readable through it.
    if (!isKey(key)) {
      return Optional.empty();
    }
    Path file = directory.resolve(key);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read config var file " + file, e);
    }
  }

  /** The regular files of the folder whose names are valid keys. */
  @Override
  public Set<String> configKeys() {
    Set<String> keys = new TreeSet<>();
    try (Stream<Path> files = Files.list(directory)) {
      files
          .filter(Files::isRegularFile)
          .map(file -> file.getFileName().toString())
          .filter(name -> KEY.matcher(name).matches())
          .forEach(keys::add);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list the config override dir " + directory, e);
    }
    return keys;
  }
}
