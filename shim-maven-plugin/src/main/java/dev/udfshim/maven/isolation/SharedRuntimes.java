package dev.udfshim.maven.isolation;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The isolated runtimes of one build, one per project: the goals of a project (extract, then
 * gen-spec) share one class loader instead of each loading the runtime and Flink again. A loader is
 * reused only for the same class path and the same classes (their digest), so a recompiled class is
 * never served from a stale loader; it is closed when its project's build ends, or at the latest
 * when the build does. Projects of a parallel build each have their own.
 */
public final class SharedRuntimes {
  private record Entry(List<Path> classPath, String classesDigest, IsolatedRuntime runtime) {}

  private final Map<String, Entry> byProject = new ConcurrentHashMap<>();
  private final Consumer<String> debug;

  /**
   * @param debug where to say when a loader is opened, reused or closed
   */
  public SharedRuntimes(Consumer<String> debug) {
    this.debug = debug;
  }

  /**
   * The project's runtime for this class path and these classes: the open one if it matches, else a
   * new one (closing the project's previous loader). The caller must not close it.
   */
  public IsolatedRuntime get(String project, List<Path> classPath, String classesDigest)
      throws IOException {
    List<Path> path = List.copyOf(classPath);
    Entry current = byProject.get(project);
    if (current != null
        && current.classPath().equals(path)
        && current.classesDigest().equals(classesDigest)) {
      debug.accept("Reusing the shim runtime class loader of " + project);
      return current.runtime();
    }
    Entry created = new Entry(path, classesDigest, new IsolatedRuntime(path));
    Entry previous = byProject.put(project, created);
    if (previous != null) {
      previous.runtime().close();
      debug.accept("Closed the outdated shim runtime class loader of " + project);
    }
    debug.accept(
        "Opened the shim runtime class loader of " + project + " (" + path.size() + " entries)");
    return created.runtime();
  }

  /** At the end of the project's build. */
  public void close(String project) throws IOException {
    Entry entry = byProject.remove(project);
    if (entry != null) {
      entry.runtime().close();
      debug.accept("Closed the shim runtime class loader of " + project);
    }
  }

  /** At the end of the build: closes what is left, and reports the first failure. */
  public void closeAll() throws IOException {
    IOException failure = null;
    for (String project : new ArrayList<>(byProject.keySet())) {
      try {
        close(project);
      } catch (IOException e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  /** Projects with an open loader. */
  public List<String> open() {
    return List.copyOf(byProject.keySet());
  }
}
