package dev.udfshim.tooling;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@code extract} reads and where it writes.
 *
 * @param classesDirectory the project's compiled classes, searched when no function is named
 * @param functions class names of the UDFs; empty for every UDF of the classes folder
 * @param shimDirectory where the signatures file is written, see {@link BuildLayout}
 */
public record ExtractRequest(Path classesDirectory, List<String> functions, Path shimDirectory) {
  public ExtractRequest {
    functions = List.copyOf(functions);
  }
}
