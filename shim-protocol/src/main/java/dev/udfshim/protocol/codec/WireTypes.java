package dev.udfshim.protocol.codec;

import java.util.Optional;
import org.apache.flink.table.types.logical.LogicalType;

/** Which SQL types the remote UDF wire format carries (protocol section 5). */
public final class WireTypes {
  private WireTypes() {}

  /**
   * The first type inside {@code type} (itself included) that the wire format cannot carry, or
   * empty when all of it can.
   */
  public static Optional<LogicalType> firstUnsupported(LogicalType type) {
    switch (type.getTypeRoot()) {
      case BOOLEAN,
          TINYINT,
          SMALLINT,
          INTEGER,
          BIGINT,
          FLOAT,
          DOUBLE,
          DECIMAL,
          CHAR,
          VARCHAR,
          BINARY,
          VARBINARY,
          DATE,
          TIME_WITHOUT_TIME_ZONE,
          TIMESTAMP_WITHOUT_TIME_ZONE,
          TIMESTAMP_WITH_LOCAL_TIME_ZONE -> {
        return Optional.empty();
      }
      case ARRAY, MAP, MULTISET, ROW -> {
        for (LogicalType child : type.getChildren()) {
          Optional<LogicalType> unsupported = firstUnsupported(child);
          if (unsupported.isPresent()) {
            return unsupported;
          }
        }
        return Optional.empty();
      }
      default -> {
        return Optional.of(type);
      }
    }
  }

  /** The supported types, for error messages. */
  public static final String SUPPORTED =
      "BOOLEAN, TINYINT, SMALLINT, INT, BIGINT, FLOAT, DOUBLE, DECIMAL, CHAR, VARCHAR, BINARY,"
          + " VARBINARY, DATE, TIME, TIMESTAMP, TIMESTAMP_LTZ, ARRAY, MAP, MULTISET and ROW";
}
