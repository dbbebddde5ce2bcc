package dev.udfshim.maven.archive;

import dev.udfshim.maven.project.ProjectContext;
import java.nio.file.Path;

/**
 * The package goal's request.
 *
 * @param project the project and its build
 * @param shimDirectory the build's shim outputs (signatures and specs)
 * @param udfJar the project's jar, or null when it is not built
 * @param finalName the zips' names begin with it
 * @param classifier the shim artifact's classifier
 * @param udfClassifier the UDF zip's classifier
 * @param attach whether both zips are attached to the project
 * @param outputTimestamp {@code project.build.outputTimestamp}, or null
 * @param uploadLimit the platform's artifact limit, e.g. {@code 100MiB}
 */
public record PackageGoal(
    ProjectContext project,
    Path shimDirectory,
    Path udfJar,
    String finalName,
    String classifier,
    String udfClassifier,
    boolean attach,
    String outputTimestamp,
    String uploadLimit) {}
