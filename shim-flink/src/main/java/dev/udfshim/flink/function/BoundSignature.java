package dev.udfshim.flink.function;

import dev.udfshim.flink.client.Endpoint;
import dev.udfshim.flink.signatures.ShimSignature;
import java.io.Serializable;

/** One signature of a UDF and the execution server that serves it. */
public record BoundSignature(String className, ShimSignature signature, Endpoint endpoint)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  /** "com.example.AddOne signature 0 at localhost:50051", for messages. */
  public String target() {
    return className + " signature " + signature.index() + " at " + endpoint;
  }

  /** The command that serves it from the unzipped shim artifact. */
  public String startHint() {
    return "bin/shim serve --handler_name execution --config_override_dir scp_config/"
        + className
        + "/"
        + signature.index()
        + " --port "
        + endpoint.port();
  }
}
