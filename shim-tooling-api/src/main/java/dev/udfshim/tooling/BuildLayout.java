package dev.udfshim.tooling;

import java.nio.file.Path;

/**
 * The build's outputs under a shim directory, as the artifact is assembled from them.
 *
 * @param signaturesFile what extraction found
 * @param configDirectory one config override dir per signature under it
 * @param localDirectory a shim directory of its own for local runs ({@code run}, {@code invoke}),
 *     so they never touch the outputs the artifact is made of
 */
public record BuildLayout(Path signaturesFile, Path configDirectory, Path localDirectory) {}
