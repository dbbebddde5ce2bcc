package dev.udfshim.maven.archive;

import dev.udfshim.maven.project.ProjectContext;
import java.nio.file.Path;

/**
 * The runtime-zip goal's request.
 *
 * @param project the project and its build
 * @param shimDirectory the build's shim outputs (the writer's work folder is under it)
 * @param finalName the zip's name begins with it
 * @param classifier the zip's classifier
 * @param attach whether the zip is attached to the project
 * @param outputTimestamp {@code project.build.outputTimestamp}, or null
 */
public record RuntimeZipGoal(
    ProjectContext project,
    Path shimDirectory,
    String finalName,
    String classifier,
    boolean attach,
    String outputTimestamp) {}
