package dev.udfshim.maven.incremental;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a goal's output is made of, as one SHA-256 per named group of inputs ("project classes",
 * "parameters", ...), so a rerun can say which group changed. Files are digested by their content,
 * except files in the local Maven repository: those are never rewritten in place, so their path,
 * size and modification time identify them without reading 50 MiB of jars on every build.
 */
public final class InputDigest {
  private final Path localRepository;
  private final Map<String, MessageDigest> groups = new LinkedHashMap<>();

  /**
   * @param localRepository the local repository's folder, or null to digest every file by content
   */
  public InputDigest(Path localRepository) {
    this.localRepository = localRepository == null ? null : localRepository.toAbsolutePath();
  }

  /** A named value, such as a goal parameter; null counts as a value of its own. */
  public InputDigest value(String group, String name, Object value) {
    update(group, "value", name, value == null ? "\u0000null" : String.valueOf(value));
    return this;
  }

  /**
   * Every regular file under the folder, by its path relative to the folder and its content; a
   * missing folder digests as empty, so deleting the last file is a change like any other.
   */
  public InputDigest tree(String group, Path root) throws IOException {
    update(group, "tree", root.toString());
    for (Map.Entry<String, Found> file : walk(root).entrySet()) {
      update(group, "entry", file.getKey());
      content(group, file.getValue().path());
    }
    return this;
  }

  /** One file (a folder counts as its tree), in the order given: class path order matters. */
  public InputDigest file(String group, Path file) throws IOException {
    if (Files.isDirectory(file)) {
      return tree(group, file);
    }
    Path absolute = file.toAbsolutePath();
    update(group, "file", absolute.toString());
    if (!Files.exists(absolute)) {
      update(group, "missing");
    } else if (localRepository != null && absolute.startsWith(localRepository)) {
      attributes(group, absolute);
    } else {
      content(group, absolute);
    }
    return this;
  }

  /**
   * A file by its path, size and modification time, wherever it is: for large outputs of the goal
   * itself, which nothing else rewrites.
   */
  public InputDigest stat(String group, Path file) throws IOException {
    Path absolute = file.toAbsolutePath();
    update(group, "file", absolute.toString());
    if (Files.isRegularFile(absolute)) {
      attributes(group, absolute);
    } else {
      update(group, "missing");
    }
    return this;
  }

  /** A file's bytes under a name, wherever it is: the same bytes and name give the same digest. */
  public InputDigest content(String group, String name, Path file) throws IOException {
    update(group, "content", name);
    content(group, file);
    return this;
  }

  /**
   * Every regular file under the folder by its relative path, size and modification time, from one
   * walk: for the goal's own outputs (650 specs), which nothing else rewrites.
   */
  public InputDigest statTree(String group, Path root) throws IOException {
    update(group, "tree", root.toString());
    for (Map.Entry<String, Found> file : walk(root).entrySet()) {
      BasicFileAttributes attributes = file.getValue().attributes();
      update(
          group,
          "entry",
          file.getKey(),
          String.valueOf(attributes.size()),
          String.valueOf(attributes.lastModifiedTime().toMillis()));
    }
    return this;
  }

  private record Found(Path path, BasicFileAttributes attributes) {}

  /** The regular files under a folder by relative path, sorted; none when there is no folder. */
  private static SortedMap<String, Found> walk(Path root) throws IOException {
    SortedMap<String, Found> files = new TreeMap<>();
    if (!Files.isDirectory(root)) {
      return files;
    }
    // The walk's own attributes: no second call per file to ask what it is.
    Files.walkFileTree(
        root,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
            if (attributes.isRegularFile()) {
              files.put(
                  root.relativize(file).toString().replace('\\', '/'), new Found(file, attributes));
            }
            return FileVisitResult.CONTINUE;
          }
        });
    return files;
  }

  /** Several files, in order. */
  public InputDigest files(String group, List<Path> files) throws IOException {
    update(group, "files", String.valueOf(files.size()));
    for (Path file : files) {
      file(group, file);
    }
    return this;
  }

  /** The hex digest of one group. */
  public String digest(String group) {
    MessageDigest digest = groups.get(group);
    if (digest == null) {
      throw new IllegalArgumentException("No input group '" + group + "'");
    }
    try {
      // A clone, so the group can still be extended after this call.
      return HexFormat.of().formatHex(((MessageDigest) digest.clone()).digest());
    } catch (CloneNotSupportedException e) {
      throw new IllegalStateException("SHA-256 digests are cloneable on every JVM", e);
    }
  }

  /** The hex digest of every group, in the order the groups were first named. */
  public Map<String, String> digests() {
    Map<String, String> result = new LinkedHashMap<>();
    groups.keySet().forEach(group -> result.put(group, digest(group)));
    return Collections.unmodifiableMap(result);
  }

  private void attributes(String group, Path file) throws IOException {
    BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
    update(
        group,
        "stat",
        String.valueOf(attributes.size()),
        String.valueOf(attributes.lastModifiedTime().toMillis()));
  }

  private void content(String group, Path file) throws IOException {
    MessageDigest digest = group(group);
    byte[] buffer = new byte[64 * 1024];
    long size = 0;
    try (InputStream in = Files.newInputStream(file)) {
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        digest.update(buffer, 0, n);
        size += n;
      }
    }
    update(group, "size", String.valueOf(size));
  }

  /** Each part is length-prefixed, so ("ab", "c") and ("a", "bc") never digest alike. */
  private void update(String group, String... parts) {
    MessageDigest digest = group(group);
    for (String part : parts) {
      byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
      digest.update((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
      digest.update(bytes);
    }
  }

  private MessageDigest group(String group) {
    return groups.computeIfAbsent(group, g -> sha256());
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }
}
