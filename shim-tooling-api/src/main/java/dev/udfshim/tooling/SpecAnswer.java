package dev.udfshim.tooling;

import java.nio.file.Path;
import java.util.List;

/**
 * The specs {@code gen-spec} wrote.
 *
 * @param configDirectory the folder the specs were written under
 * @param specFileName the name of each spec file (the config var the execution handler reads)
 * @param files the spec files, relative to it, one per signature
 */
public record SpecAnswer(Path configDirectory, String specFileName, List<String> files) {
  public SpecAnswer {
    files = List.copyOf(files);
  }
}
