package tests.udf_fixtures;

import org.apache.flink.table.functions.ScalarFunction;

/** The seed's example UDF, under the seed's name, so the protocol's worked bytes apply as-is. */
@SuppressWarnings("checkstyle:TypeName")
public class add_one extends ScalarFunction {
  public Long eval(Long i, Long j) {
    return i == null || j == null ? null : i + j;
  }
}
