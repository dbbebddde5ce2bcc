package dev.udfshim.flink.signatures;

import java.io.Serializable;
import java.util.List;
import org.apache.flink.table.types.logical.LogicalType;

/**
 * One signature of a UDF, with the exact types extraction found.
 *
 * @param index its position in signatures.json, the {@code <n>} of {@code scp_config/<class>/<n>}
 */
public record ShimSignature(
    int index, List<String> argumentNames, List<LogicalType> argumentTypes, LogicalType returnType)
    implements Serializable {

  private static final long serialVersionUID = 1L;

  public ShimSignature {
    argumentNames = List.copyOf(argumentNames);
    argumentTypes = List.copyOf(argumentTypes);
  }

  /** "(BIGINT, BIGINT) -> BIGINT", for messages. */
  public String describe() {
    StringBuilder text = new StringBuilder("(");
    for (int i = 0; i < argumentTypes.size(); i++) {
      text.append(i == 0 ? "" : ", ").append(argumentTypes.get(i).asSummaryString());
    }
    return text.append(") -> ").append(returnType.asSummaryString()).toString();
  }
}
