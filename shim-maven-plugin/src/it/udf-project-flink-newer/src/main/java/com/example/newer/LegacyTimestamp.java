package com.example.newer;

import java.sql.Timestamp;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.table.functions.ScalarFunction;

/** A Flink 1.x legacy result type: ignored by Flink's type inference, TIMESTAMP(9) is used. */
public class LegacyTimestamp extends ScalarFunction {
  public Timestamp eval(Timestamp t) {
    return t;
  }

  @Override
  @SuppressWarnings("deprecation")
  public TypeInformation<?> getResultType(Class<?>[] signature) {
    return Types.SQL_TIMESTAMP;
  }
}
