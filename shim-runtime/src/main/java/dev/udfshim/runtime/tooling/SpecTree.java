package dev.udfshim.runtime.tooling;

import dev.udfshim.protocol.layout.ShimLayout;
import dev.udfshim.protocol.signatures.Signatures;
import dev.udfshim.protocol.signatures.Signatures.Function;
import dev.udfshim.protocol.signatures.Signatures.Signature;
import dev.udfshim.protocol.spec.SpecCodec;
import dev.udfshim.protocol.spec.UdfSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.utils.LogicalTypeParser;

/**
 * The config override dirs of a build: {@code <class name>/<index>/spec_base64} per signature, each
 * usable as {@code --config_override_dir}.
 */
final class SpecTree {
  private SpecTree() {}

  /**
   * Makes {@code root} hold one spec per signature and nothing else; returns the spec files
   * relative to it.
   */
  static List<String> write(Path root, Signatures signatures, String pluginId, ClassLoader loader) {
    // All specs first, then one pass over the folder: 650 specs are 1,300 folders and 650 files,
    // and on a slow disk those file system calls, not the encoding, are the cost.
    Map<String, String> specs = new LinkedHashMap<>();
    for (Function function : signatures.functions()) {
      for (Signature signature : function.signatures()) {
        specs.put(
            ShimLayout.specFile(function.className(), signature.index()),
            specText(spec(function.className(), signature, pluginId, loader)));
      }
    }
    writeTree(root, specs);
    return new ArrayList<>(specs.keySet());
  }

  /** The spec of one signature of signatures.json. */
  static UdfSpec spec(String className, Signature signature, String pluginId, ClassLoader loader) {
    List<LogicalType> types = new ArrayList<>();
    for (String type : signature.argumentTypes()) {
      types.add(LogicalTypeParser.parse(type, loader));
    }
    return UdfSpec.of(
        pluginId == null ? "" : pluginId,
        className,
        signature.argumentNames(),
        types,
        LogicalTypeParser.parse(signature.returnType(), loader));
  }

  static String specText(UdfSpec spec) {
    return SpecCodec.toBase64(spec) + "\n";
  }

  /**
   * Makes the folder hold exactly these files (relative path to text), as deleting and rewriting it
   * would, but touching only what differs: specs of removed signatures go, unchanged ones stay. The
   * folders it holds are known from one walk, so no call asks the disk what is already known.
   */
  static void writeTree(Path root, Map<String, String> files) {
    Map<Path, byte[]> wanted = new LinkedHashMap<>();
    files.forEach(
        (name, text) -> wanted.put(root.resolve(name), text.getBytes(StandardCharsets.UTF_8)));
    Set<Path> folders = new HashSet<>();
    Map<Path, Long> existing = new HashMap<>();
    try {
      if (Files.isDirectory(root)) {
        List<Path> stale = new ArrayList<>();
        Files.walkFileTree(
            root,
            new SimpleFileVisitor<>() {
              @Override
              public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                folders.add(dir);
                return FileVisitResult.CONTINUE;
              }

              @Override
              public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                if (wanted.containsKey(file)) {
                  existing.put(file, attributes.size());
                } else {
                  stale.add(file);
                }
                return FileVisitResult.CONTINUE;
              }
            });
        for (Path file : stale) {
          Files.delete(file);
        }
        // Every folder from a wanted file up to the root stays.
        Set<Path> needed = new HashSet<>(Set.of(root));
        for (Path file : wanted.keySet()) {
          Path dir = file.getParent();
          while (dir.startsWith(root) && needed.add(dir)) {
            dir = dir.getParent();
          }
        }
        for (Path dir : folders.stream().sorted(Comparator.reverseOrder()).toList()) {
          if (!needed.contains(dir)) {
            Files.delete(dir);
            folders.remove(dir);
          }
        }
      } else {
        Files.createDirectories(root);
        folders.add(root);
      }
      for (Map.Entry<Path, byte[]> file : wanted.entrySet()) {
        createFolders(file.getKey().getParent(), folders);
        Long size = existing.get(file.getKey());
        if (size == null
            || size != file.getValue().length
            || !Arrays.equals(Files.readAllBytes(file.getKey()), file.getValue())) {
          Files.write(file.getKey(), file.getValue());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot write the specs into " + root + ": " + e.getMessage(), e);
    }
  }

  private static void createFolders(Path dir, Set<Path> folders) throws IOException {
    if (folders.contains(dir)) {
      return;
    }
    createFolders(dir.getParent(), folders);
    Files.createDirectory(dir);
    folders.add(dir);
  }
}
