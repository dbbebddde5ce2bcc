package dev.udfshim.maven.local;

import dev.udfshim.maven.project.ProjectContext;
import java.nio.file.Path;

/**
 * The run goal's request.
 *
 * @param project the project and its build
 * @param shimDirectory the build's shim outputs; local runs use a folder of their own under it
 * @param local the UDF, the forked JVM and the job parameters
 * @param handler {@code extraction} or {@code execution}
 * @param host the address to bind
 * @param port the port; 0 for any free one
 */
public record RunGoal(
    ProjectContext project,
    Path shimDirectory,
    LocalGoal local,
    String handler,
    String host,
    int port) {}
