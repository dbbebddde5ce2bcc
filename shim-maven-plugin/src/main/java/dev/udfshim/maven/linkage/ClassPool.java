package dev.udfshim.maven.linkage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Classes as a JVM would link them: from a class path (the project's classes, the jars it ships,
 * the shim runtime with its Flink), then the JDK's. Answers whether a member resolves, looking
 * through superclasses and superinterfaces as the JVM does.
 */
final class ClassPool implements AutoCloseable {
  /** Whether a member resolves: UNKNOWN when part of the hierarchy cannot be read. */
  enum Found {
    YES,
    NO,
    UNKNOWN
  }

  private final ClassFiles files;
  private final Map<String, Optional<ClassShape>> shapes = new ConcurrentHashMap<>();

  ClassPool(ClassFiles files) {
    this.files = files;
  }

  Optional<ClassShape> shape(String name) {
    return shapes.computeIfAbsent(name, n -> files.bytes(n).or(() -> jdk(n)).map(ClassShape::read));
  }

  boolean exists(String name) {
    return shape(name).isPresent();
  }

  Found method(String owner, String name, String descriptor) {
    return find(owner, shape -> shape.methods().contains(name + descriptor));
  }

  Found field(String owner, String name, String descriptor) {
    return find(owner, shape -> shape.fields().contains(name + ":" + descriptor));
  }

  /** An annotation type's attribute: a method of that name. */
  Found attribute(String annotation, String name) {
    return shape(annotation)
        .map(s -> s.methodNames().contains(name) ? Found.YES : Found.NO)
        .orElse(Found.UNKNOWN);
  }

  /**
   * The classes of the owner's hierarchy, nearest first, that are not in the class path or the JDK
   * when the member is not found in the others.
   */
  private Found find(String owner, java.util.function.Predicate<ClassShape> declares) {
    Deque<String> queue = new ArrayDeque<>(List.of(owner));
    Set<String> seen = new HashSet<>();
    boolean complete = true;
    boolean sawInterface = false;
    while (!queue.isEmpty()) {
      String name = queue.removeFirst();
      if (!seen.add(name)) {
        continue;
      }
      Optional<ClassShape> shape = shape(name);
      if (shape.isEmpty()) {
        complete = false;
        continue;
      }
      if (declares.test(shape.get())) {
        return Found.YES;
      }
      sawInterface |= shape.get().isInterface();
      if (shape.get().superName() != null) {
        queue.addLast(shape.get().superName());
      }
      queue.addAll(shape.get().interfaces());
    }
    // An interface's methods include Object's.
    if (sawInterface && !seen.contains("java/lang/Object")) {
      Optional<ClassShape> object = shape("java/lang/Object");
      if (object.isPresent() && declares.test(object.get())) {
        return Found.YES;
      }
    }
    return complete ? Found.NO : Found.UNKNOWN;
  }

  /** The first class of the owner's superclass chain whose name starts with the prefix. */
  Optional<String> firstAncestor(String owner, String prefix) {
    String name = owner;
    Set<String> seen = new HashSet<>();
    while (name != null && seen.add(name)) {
      if (name.startsWith(prefix)) {
        return Optional.of(name);
      }
      name = shape(name).map(ClassShape::superName).orElse(null);
    }
    return Optional.empty();
  }

  private static Optional<byte[]> jdk(String name) {
    if (!name.startsWith("java/")
        && !name.startsWith("javax/")
        && !name.startsWith("jdk/")
        && !name.startsWith("sun/")) {
      return Optional.empty();
    }
    try (InputStream in = ClassLoader.getSystemResourceAsStream(name + ".class")) {
      return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the JDK's " + name, e);
    }
  }

  @Override
  public void close() throws IOException {
    files.close();
  }
}
