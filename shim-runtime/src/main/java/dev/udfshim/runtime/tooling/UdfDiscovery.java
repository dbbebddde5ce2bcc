package dev.udfshim.runtime.tooling;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.flink.table.functions.ScalarFunction;
import org.apache.flink.table.functions.TableFunction;

/** The UDFs of a classes folder: every public concrete ScalarFunction and TableFunction. */
final class UdfDiscovery {
  private UdfDiscovery() {}

  /** Their class names, sorted. */
  static List<String> discover(Path classes, ClassLoader loader) {
    if (!Files.isDirectory(classes)) {
      return List.of();
    }
    List<String> found = new ArrayList<>();
    try (Stream<Path> files = Files.walk(classes)) {
      for (Path file : files.filter(p -> p.toString().endsWith(".class")).sorted().toList()) {
        String relative = classes.relativize(file).toString().replace('\\', '/');
        String name =
            relative.substring(0, relative.length() - ".class".length()).replace('/', '.');
        if (name.endsWith("module-info") || name.endsWith("package-info")) {
          continue;
        }
        Class<?> type;
        try {
          type = Class.forName(name, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
          continue; // not loadable on its own (e.g. an optional dependency is absent): not a UDF
        }
        int modifiers = type.getModifiers();
        boolean udf =
            ScalarFunction.class.isAssignableFrom(type)
                || TableFunction.class.isAssignableFrom(type);
        boolean nested = type.getEnclosingClass() != null && !Modifier.isStatic(modifiers);
        if (udf
            && Modifier.isPublic(modifiers)
            && !Modifier.isAbstract(modifiers)
            && !type.isAnonymousClass()
            && !nested) {
          found.add(name);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list " + classes, e);
    }
    return found;
  }
}
