package dev.udfshim.tooling;

import java.nio.file.Path;

/**
 * What {@code gen-spec} reads and where it writes.
 *
 * @param shimDirectory holds the signatures file and receives the specs, see {@link BuildLayout}
 * @param pluginId the platform's plugin id, written into every spec
 */
public record SpecRequest(Path shimDirectory, String pluginId) {}
