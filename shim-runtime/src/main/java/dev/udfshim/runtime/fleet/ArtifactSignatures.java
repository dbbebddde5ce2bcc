package dev.udfshim.runtime.fleet;

import dev.udfshim.protocol.config.ConfigKeys;
import dev.udfshim.protocol.layout.ShimLayout;
import dev.udfshim.protocol.signatures.Signatures;
import dev.udfshim.protocol.signatures.SignaturesException;
import dev.udfshim.protocol.signatures.SignaturesJson;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;

/**
 * Every signature of an unzipped shim artifact (or of a build's shim folder): its signatures.json,
 * and the config override dir {@code scp_config/<class>/<n>} of each signature, in the file's
 * order.
 *
 * @param root the artifact's folder
 * @param signaturesFile its signatures.json, absolute
 */
public record ArtifactSignatures(Path root, Path signaturesFile, List<Served> signatures) {

  /**
   * One signature and where its spec is.
   *
   * @param text its types, "(BIGINT, BIGINT) -> BIGINT", for the log
   */
  public record Served(String className, int index, String text, Path configDirectory) {
    /** {@code <class>/<n>}, as endpoints name it. */
    public String key() {
      return className + "/" + index;
    }
  }

  /**
   * Reads the artifact's signatures.json and finds each signature's spec.
   *
   * @throws IllegalArgumentException with a sentence: no artifact there, a spec missing, no UDF
   */
  public static ArtifactSignatures read(Path root, ClassLoader loader) {
    Path absolute = root.toAbsolutePath().normalize();
    Path file = absolute.resolve(ShimLayout.SIGNATURES);
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException(
          absolute
              + " holds no "
              + ShimLayout.SIGNATURES
              + "; point --artifact at the folder the shim zip was unzipped into (or a build's"
              + " target/shim).");
    }
    Signatures read;
    try {
      read = SignaturesJson.read(file, loader);
    } catch (IOException e) {
      throw new IllegalArgumentException("Cannot read " + file + ": " + e.getMessage(), e);
    } catch (SignaturesException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
    List<Served> served = new ArrayList<>();
    for (Signatures.Function function : read.functions()) {
      for (Signatures.Signature signature : function.signatures()) {
        Path dir =
            absolute.resolve(ShimLayout.specDirectory(function.className(), signature.index()));
        if (!Files.isRegularFile(dir.resolve(ConfigKeys.SPEC_VAR))) {
          throw new IllegalArgumentException(
              "The artifact lists "
                  + function.className()
                  + " signature "
                  + signature.index()
                  + " but has no "
                  + ShimLayout.specFile(function.className(), signature.index())
                  + " under "
                  + ShimLayout.CONFIG_ROOT
                  + "; rebuild it with mvn package.");
        }
        served.add(new Served(function.className(), signature.index(), text(signature), dir));
      }
    }
    if (served.isEmpty()) {
      throw new IllegalArgumentException(
          file + " lists no UDF signature; nothing to serve (see its errors, or mvn package).");
    }
    return new ArtifactSignatures(absolute, file, List.copyOf(served));
  }

  /**
   * The artifact this runtime was started from: {@code bin/shim} runs the runtime's jar from {@code
   * <artifact>/lib/runtime/}; empty when the runtime runs from elsewhere (a build's classes).
   */
  public static java.util.Optional<Path> ofThisRuntime() {
    CodeSource source = ArtifactSignatures.class.getProtectionDomain().getCodeSource();
    if (source == null || source.getLocation() == null) {
      return java.util.Optional.empty();
    }
    try {
      Path jar = Path.of(source.getLocation().toURI());
      Path lib = jar.getParent();
      if (lib == null
          || !lib.endsWith(ShimLayout.RUNTIME_LIB)
          || lib.getParent() == null
          || lib.getParent().getParent() == null) {
        return java.util.Optional.empty();
      }
      return java.util.Optional.of(lib.getParent().getParent());
    } catch (URISyntaxException | IllegalArgumentException e) {
      return java.util.Optional.empty();
    }
  }

  private static String text(Signatures.Signature signature) {
    return "(" + String.join(", ", signature.argumentTypes()) + ") -> " + signature.returnType();
  }
}
