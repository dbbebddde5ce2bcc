package dev.udfshim.flink.sql;

import dev.udfshim.tooling.ExtractAnswer;
import dev.udfshim.tooling.ExtractRequest;
import dev.udfshim.tooling.ShimTooling;
import dev.udfshim.tooling.SpecRequest;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.ServiceLoader;

/**
 * Run in a JVM of the runtime's class path (never in the tests' own): extracts the named UDFs with
 * the runtime's own tooling, as {@code mvn package} does, and writes signatures.json and one spec
 * per signature under the shim directory.
 *
 * <pre>ExtractSpecs &lt;shim directory&gt; &lt;class&gt;...</pre>
 */
public final class ExtractSpecs {
  private ExtractSpecs() {}

  public static void main(String[] args) throws Exception {
    Path shim = Path.of(args[0]);
    List<String> classes = Arrays.asList(args).subList(1, args.length);
    ShimTooling tooling = ServiceLoader.load(ShimTooling.class).findFirst().orElseThrow();
    ExtractAnswer answer = tooling.extract(new ExtractRequest(shim, classes, shim));
    if (!answer.failures().isEmpty()) {
      answer.failures().forEach(f -> System.err.println(f.text()));
      System.exit(1);
    }
    tooling.generateSpecs(new SpecRequest(shim, ""));
  }
}
