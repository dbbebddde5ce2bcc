package dev.udfshim.maven.local;

import dev.udfshim.maven.project.ProjectContext;
import java.nio.file.Path;

/**
 * The invoke goal's request.
 *
 * @param project the project and its build
 * @param shimDirectory the build's shim outputs; local runs use a folder of their own under it
 * @param local the UDF, the forked JVM and the job parameters
 * @param args the argument values, comma-separated
 * @param extract ask for the signatures instead of running the UDF
 * @param target {@code host:port} of a running server, or null for a server started for the call
 */
public record InvokeGoal(
    ProjectContext project,
    Path shimDirectory,
    LocalGoal local,
    String args,
    boolean extract,
    String target) {}
