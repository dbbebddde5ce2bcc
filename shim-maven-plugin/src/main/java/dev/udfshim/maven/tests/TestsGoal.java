package dev.udfshim.maven.tests;

import dev.udfshim.maven.project.ProjectContext;
import java.nio.file.Path;

/**
 * The prepare-tests goal's request.
 *
 * @param project the project and its build (its test class path resolved)
 * @param shimDirectory the build's shim outputs
 */
public record TestsGoal(ProjectContext project, Path shimDirectory) {}
