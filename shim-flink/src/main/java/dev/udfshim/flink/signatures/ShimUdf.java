package dev.udfshim.flink.signatures;

import dev.udfshim.protocol.UdfKind;
import dev.udfshim.protocol.signatures.Signatures;
import dev.udfshim.protocol.signatures.SignaturesException;
import dev.udfshim.protocol.signatures.SignaturesJson;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.utils.LogicalTypeParser;

/**
 * One UDF of a signatures.json as Flink types: its class, kind, determinism and signatures in the
 * file's order.
 *
 * @param source the file it was read from, for messages
 */
public record ShimUdf(
    String className,
    UdfKind kind,
    boolean deterministic,
    List<ShimSignature> signatures,
    String source) {

  public ShimUdf {
    signatures = List.copyOf(signatures);
  }

  /** The class name without its package: the default SQL name. */
  public String simpleName() {
    return className.substring(className.lastIndexOf('.') + 1);
  }

  /**
   * The UDFs of the signatures.json the shim plugin writes ({@code target/shim/signatures.json}),
   * or of the shim zip that holds one. Every problem is a {@link ValidationException} whose message
   * names the file and what to do.
   */
  public static List<ShimUdf> read(Path path, ClassLoader loader) {
    Signatures file;
    try {
      file = SignaturesJson.read(path, loader);
    } catch (NoSuchFileException e) {
      throw new ValidationException(
          "The signatures file "
              + path
              + " does not exist; point 'signatures' at the target/shim/signatures.json that `mvn"
              + " package` wrote, or at the shim zip.");
    } catch (IOException e) {
      throw new ValidationException("Cannot read the signatures file " + path + ": " + e, e);
    } catch (SignaturesException e) {
      throw new ValidationException(e.getMessage(), e);
    }
    List<ShimUdf> udfs = new ArrayList<>();
    for (Signatures.Function function : file.functions()) {
      udfs.add(of(function, path.toString(), loader));
    }
    return udfs;
  }

  /** A UDF as the reader checked it: its type strings parse and cross the wire. */
  private static ShimUdf of(Signatures.Function function, String source, ClassLoader loader) {
    List<ShimSignature> signatures = new ArrayList<>();
    for (Signatures.Signature signature : function.signatures()) {
      List<LogicalType> types = new ArrayList<>();
      for (String type : signature.argumentTypes()) {
        types.add(LogicalTypeParser.parse(type, loader));
      }
      signatures.add(
          new ShimSignature(
              signature.index(),
              signature.argumentNames(),
              types,
              LogicalTypeParser.parse(signature.returnType(), loader)));
    }
    return new ShimUdf(
        function.className(),
        UdfKind.valueOf(function.kind()),
        function.deterministic(),
        signatures,
        source);
  }
}
