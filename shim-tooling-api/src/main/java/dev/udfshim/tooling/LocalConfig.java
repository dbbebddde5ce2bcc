package dev.udfshim.tooling;

import java.nio.file.Path;

/**
 * One config override dir of a local run.
 *
 * @param configDirectory the config override dir to serve with
 * @param signature the index of the signature its spec runs, or null for the extraction handler
 */
public record LocalConfig(Path configDirectory, Integer signature) {}
