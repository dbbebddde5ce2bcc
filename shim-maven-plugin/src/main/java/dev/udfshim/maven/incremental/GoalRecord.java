package dev.udfshim.maven.incremental;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The record of a goal's last successful run: the digest of each group of its inputs, and of its
 * outputs. The goal is up to date when both match now; anything else (no record, a changed input,
 * an output deleted or rewritten) means the work is done again. The record is removed before the
 * work starts and written after it succeeds, so a failed or interrupted run never counts.
 */
public final class GoalRecord {
  /** The reason given when there is no record, as on a first or a clean build. */
  public static final String NO_RECORD = "no record of an earlier run";

  private static final String OUTPUTS = "outputs";

  /** Digests the goal's outputs, when they exist. */
  @FunctionalInterface
  public interface Outputs {
    String digest() throws IOException;
  }

  private final Path file;
  private final Map<String, String> inputs;
  private final Outputs outputs;

  /**
   * @param file where the record lives, one file per goal
   * @param inputs the digest of every input group now, see {@link InputDigest#digests()}
   * @param outputs the digest of the outputs now
   */
  public GoalRecord(Path file, Map<String, String> inputs, Outputs outputs) {
    this.file = file;
    this.inputs = Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
    this.outputs = outputs;
    if (inputs.containsKey(OUTPUTS)) {
      throw new IllegalArgumentException("'" + OUTPUTS + "' is not an input group name");
    }
  }

  /**
   * Why the work must be done: empty when the last run's outputs are current, else the input groups
   * that changed, or what happened to the outputs.
   */
  public Optional<String> staleBecause() throws IOException {
    Map<String, String> last = read();
    if (last == null) {
      return Optional.of(NO_RECORD);
    }
    List<String> changed = new ArrayList<>();
    for (String group : inputs.keySet()) {
      if (!inputs.get(group).equals(last.get(group))) {
        changed.add(group);
      }
    }
    for (String group : last.keySet()) {
      if (!group.equals(OUTPUTS) && !inputs.containsKey(group)) {
        changed.add(group);
      }
    }
    if (!changed.isEmpty()) {
      return Optional.of(join(changed) + " changed since the last run");
    }
    if (!outputs.digest().equals(last.get(OUTPUTS))) {
      return Optional.of("the outputs were changed or deleted since the last run");
    }
    return Optional.empty();
  }

  /** Before the work: forget the last run. */
  public void started() throws IOException {
    Files.deleteIfExists(file);
  }

  /** After the work succeeded: remember these inputs and the outputs as they are now. */
  public void finished() throws IOException {
    Map<String, String> record = new LinkedHashMap<>(inputs);
    record.put(OUTPUTS, outputs.digest());
    StringBuilder text = new StringBuilder();
    record.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(e -> text.append(e.getKey()).append('=').append(e.getValue()).append('\n'));
    try {
      writeWhole(file, text);
    } catch (IOException e) {
      throw new IOException(
          "Cannot record this run in " + file + " (" + e + "); the build folder must be writable.",
          e);
    }
  }

  /**
   * Writes the file through a sibling and a rename, so a build killed meanwhile leaves the old
   * record or the new one, never half of one.
   */
  public static void writeWhole(Path file, CharSequence text) throws IOException {
    Files.createDirectories(file.getParent());
    Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
    Files.writeString(temporary, text, StandardCharsets.UTF_8);
    Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
  }

  /** The last run's record; none when it is missing or unreadable, which only means more work. */
  private Map<String, String> read() {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return null;
    }
    Map<String, String> record = new LinkedHashMap<>();
    for (String line : lines) {
      int equals = line.lastIndexOf('=');
      if (equals > 0) {
        record.put(line.substring(0, equals), line.substring(equals + 1));
      }
    }
    return record;
  }

  private static String join(List<String> groups) {
    if (groups.size() == 1) {
      return groups.get(0);
    }
    return String.join(", ", groups.subList(0, groups.size() - 1))
        + " and "
        + groups.get(groups.size() - 1);
  }
}
