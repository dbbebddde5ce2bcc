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
import org.apache.flink.table.functions.UserDefinedFunction;

/**
 * The UDFs of a classes folder: every public concrete ScalarFunction and TableFunction, and the
 * Flink functions of other kinds, which the platform does not host.
 */
final class UdfDiscovery {
  private UdfDiscovery() {}

  /**
   * A public concrete Flink function the platform does not host.
   *
   * @param kind the Flink base class it extends, e.g. {@code AggregateFunction}
   */
  record NotHosted(String className, String kind) {
    /** Why, for the build's table. */
    String reason() {
      return "not hosted: the platform runs ScalarFunction and TableFunction only";
    }

    /** One line naming the class, the cause and what to do. */
    String warning() {
      return className
          + " is a Flink "
          + kind
          + ", which the remote platform does not host (it runs ScalarFunction and TableFunction"
          + " only), so it is not in the shim artifact; register it in Flink itself, or move it"
          + " out of this project.";
    }
  }

  /** What a classes folder holds, each list sorted by class name. */
  record Found(List<String> hosted, List<NotHosted> notHosted) {}

  /** The class names of the hosted UDFs, sorted. */
  static List<String> discover(Path classes, ClassLoader loader) {
    return find(classes, loader).hosted();
  }

  static Found find(Path classes, ClassLoader loader) {
    List<String> hosted = new ArrayList<>();
    List<NotHosted> notHosted = new ArrayList<>();
    if (!Files.isDirectory(classes)) {
      return new Found(hosted, notHosted);
    }
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
        boolean nested = type.getEnclosingClass() != null && !Modifier.isStatic(modifiers);
        if (!UserDefinedFunction.class.isAssignableFrom(type)
            || !Modifier.isPublic(modifiers)
            || Modifier.isAbstract(modifiers)
            || type.isAnonymousClass()
            || nested) {
          continue;
        }
        if (ScalarFunction.class.isAssignableFrom(type)
            || TableFunction.class.isAssignableFrom(type)) {
          hosted.add(name);
        } else {
          notHosted.add(new NotHosted(name, flinkKind(type)));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list " + classes, e);
    }
    return new Found(hosted, notHosted);
  }

  /** The nearest Flink function class it extends, e.g. AggregateFunction. */
  private static String flinkKind(Class<?> type) {
    for (Class<?> c = type.getSuperclass(); c != null; c = c.getSuperclass()) {
      if (c.getName().startsWith("org.apache.flink.table.functions.")) {
        return c.getSimpleName();
      }
    }
    return UserDefinedFunction.class.getSimpleName();
  }
}
