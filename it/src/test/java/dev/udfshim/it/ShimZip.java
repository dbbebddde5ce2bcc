package dev.udfshim.it;

import dev.udfshim.protocol.config.ConfigKeys;
import dev.udfshim.protocol.layout.ShimLayout;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;

/**
 * The shim zip of a sample project that the invoker built (shim-maven-plugin/src/it/*), unzipped
 * into a folder and started from there alone: no Maven, no class path but the zip's launcher.
 */
public final class ShimZip {
  private final Path root;

  private ShimZip(Path root) {
    this.root = root;
  }

  /** Unzips {@code <project>/target/<zipName>} of the invoker's build into the folder. */
  static ShimZip unpack(String project, String zipName, Path into) {
    Path zip = Path.of(System.getProperty("shim.it.projects"), project, "target", zipName);
    if (!Files.isRegularFile(zip)) {
      throw new IllegalStateException(zip + " is missing; the invoker builds it before the ITs");
    }
    return unpack(zip, into);
  }

  /** Unzips a shim zip into the folder, as unzip does. */
  public static ShimZip unpack(Path zip, Path into) {
    try (ZipFile file = ZipFile.builder().setPath(zip).get()) {
      Enumeration<ZipArchiveEntry> entries = file.getEntries();
      while (entries.hasMoreElements()) {
        ZipArchiveEntry entry = entries.nextElement();
        Path target = into.resolve(entry.getName());
        if (entry.isDirectory()) {
          Files.createDirectories(target);
          continue;
        }
        Files.createDirectories(target.getParent());
        try (InputStream in = file.getInputStream(entry)) {
          Files.copy(in, target);
        }
        // The zip's unix mode decides what is executable.
        target.toFile().setExecutable((entry.getUnixMode() & 0100) != 0);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new ShimZip(into);
  }

  Path root() {
    return root;
  }

  /** The config override dir of signature {@code n} of a UDF. */
  Path spec(String className, int n) {
    return root.resolve(ShimLayout.specDirectory(className, n));
  }

  /** A copy of a UDF's spec folder with more config vars, for one test's settings. */
  public Path specWith(String className, Map<String, String> vars, Path into) {
    return specWith(className, 0, vars, into);
  }

  /** A copy of the spec folder of signature {@code n} with more config vars. */
  Path specWith(String className, int n, Map<String, String> vars, Path into) {
    try {
      Files.createDirectories(into);
      Files.copy(
          spec(className, n).resolve(ConfigKeys.SPEC_VAR), into.resolve(ConfigKeys.SPEC_VAR));
      for (Map.Entry<String, String> var : vars.entrySet()) {
        Files.writeString(into.resolve(var.getKey()), var.getValue());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return into;
  }

  /** {@code bin/shim serve} of a handler with a config dir, on a free loopback port. */
  public ShimProcess serve(String handler, Path configDir, Map<String, String> environment)
      throws Exception {
    return launch(ShimProcess.serveArguments(handler, configDir), environment);
  }

  public ShimProcess serve(String handler, Path configDir) throws Exception {
    return serve(handler, configDir, Map.of());
  }

  /** {@code bin/shim serve} on a given loopback port (one a test reserved). */
  ShimProcess serveOn(int port, String handler, Path configDir) throws Exception {
    return launch(ShimProcess.serveArguments(handler, configDir, port), Map.of());
  }

  private ShimProcess launch(List<String> arguments, Map<String, String> environment)
      throws Exception {
    List<String> command = new ArrayList<>();
    command.add(root.resolve(ShimLayout.LAUNCHER).toString());
    command.addAll(arguments);
    return ShimProcess.start(command, environment);
  }
}
