package dev.udfshim.tooling;

import java.nio.file.Path;

/**
 * The build's outputs under a shim directory, as the artifact is assembled from them.
 *
 * @param signaturesFile what extraction found
 * @param configDirectory one config override dir per signature under it
 * @param localDirectory a shim directory of its own for local runs ({@code run}, {@code invoke}),
 *     so they never touch the outputs the artifact is made of
 * @param testClassPathDirectory a class folder the project's tests run with (prepare-tests adds it)
 * @param testFlinkFile the file under it that names the Flink the build resolved the runtime with,
 *     which UdfTester checks its class path against
 */
public record BuildLayout(
    Path signaturesFile,
    Path configDirectory,
    Path localDirectory,
    Path testClassPathDirectory,
    Path testFlinkFile) {}
