package dev.udfshim.maven.protoc;

import dev.udfshim.maven.project.ProjectContext;

/**
 * The protoc goal's request: what to compile, for which project (its repositories serve the tools,
 * its source roots take the output).
 */
public record ProtocGoal(ProjectContext project, ProtocRequest protoc) {}
