package dev.udfshim.maven.isolation;

import dev.udfshim.maven.project.ProjectContext;
import dev.udfshim.tooling.Jar;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.inject.Named;
import javax.inject.Singleton;
import org.apache.maven.plugin.logging.Log;

/** The class loaders of the shim runtime a goal calls. */
@Named
@Singleton
public final class ProjectRuntimes {

  /** Runtime first, then the project's classes and the dependencies the shim does not provide. */
  public static List<Path> classPath(ProjectContext project, List<Jar> runtime) {
    List<Path> classPath = new ArrayList<>();
    runtime.forEach(jar -> classPath.add(jar.file()));
    classPath.add(project.classesDirectory());
    shipped(project, runtime).forEach(jar -> classPath.add(jar.file()));
    return classPath;
  }

  /** The project's dependencies that the artifact ships: not Flink's, not the runtime's. */
  public static List<Jar> shipped(ProjectContext project, List<Jar> runtime) {
    return ClassPaths.split(project.dependencies(), runtime).shipped();
  }

  /**
   * The project's runtime shared by the goals of this build (not to be closed by the caller): one
   * per project, reused while the class path and the classes (their digest) are the same.
   */
  public IsolatedRuntime shared(
      ProjectContext project, List<Jar> runtime, String classesDigest, Log log) throws IOException {
    return SessionRuntimes.of(project.session(), log)
        .get(project.key(), classPath(project, runtime), classesDigest);
  }

  /** A runtime of its own for one goal, closed by the caller. */
  public IsolatedRuntime open(ProjectContext project, List<Jar> runtime) {
    return new IsolatedRuntime(classPath(project, runtime));
  }

  /** The runtime alone, without the project, closed by the caller: for what needs no UDF. */
  public IsolatedRuntime runtimeOnly(List<Jar> runtime) {
    return new IsolatedRuntime(runtime.stream().map(Jar::file).toList());
  }
}
