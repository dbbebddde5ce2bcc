package dev.udfshim.maven.spec;

import dev.udfshim.maven.project.ProjectContext;
import java.nio.file.Path;

/**
 * The gen-spec goal's request.
 *
 * @param project the project and its build
 * @param shimDirectory the build's shim outputs: the signatures in, the specs out
 * @param pluginId the platform's plugin id, written into every spec
 */
public record SpecGoal(ProjectContext project, Path shimDirectory, String pluginId) {}
