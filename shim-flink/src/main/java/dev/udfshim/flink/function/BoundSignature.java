package dev.udfshim.flink.function;

import dev.udfshim.flink.client.Endpoints;
import dev.udfshim.flink.signatures.ShimSignature;
import dev.udfshim.protocol.layout.ShimLayout;
import java.io.Serializable;
import java.util.List;
import org.apache.flink.table.types.inference.TypeInference;

/**
 * One signature of a UDF, the execution server that serves it and how to call it: all a remote
 * function instance carries into the job.
 */
public record BoundSignature(
    String className,
    ShimSignature signature,
    Endpoints endpoints,
    boolean deterministic,
    ClientSettings settings)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Exactly this signature's types, for the specialized function. */
  TypeInference typeInference() {
    return SignatureTypes.inference(List.of(signature));
  }

  /** "com.example.AddOne signature 0 at localhost:50051", for messages. */
  public String target() {
    return className + " signature " + signature.index() + " at " + endpoints;
  }

  /** The commands that serve it from the unzipped shim artifact. */
  public String startHint() {
    return ShimLayout.LAUNCHER
        + " serve --handler_name execution --config_override_dir "
        + ShimLayout.specDirectory(className, signature.index())
        + " --port "
        + endpoints.port()
        + ", or every signature at once with "
        + ShimLayout.LAUNCHER
        + " serve --all";
  }
}
