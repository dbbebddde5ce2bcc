package dev.udfshim.maven.extract;

import dev.udfshim.maven.project.ProjectContext;
import java.nio.file.Path;
import java.util.List;

/**
 * The extract goal's request.
 *
 * @param project the project and its build
 * @param shimDirectory the build's shim outputs
 * @param functions class names of the UDFs; empty for every UDF of the project's classes
 * @param failOnError whether a UDF the platform cannot run fails the build
 */
public record ExtractGoal(
    ProjectContext project, Path shimDirectory, List<String> functions, boolean failOnError) {
  public ExtractGoal {
    functions = List.copyOf(functions);
  }
}
