package dev.udfshim.flink.sql;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.typeutils.RowTypeInfo;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.Table;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.types.Row;

/**
 * A table with NULLs from a real source, a DataStream (the planner cannot fold its rows into
 * constants, as it does with VALUES): {@code id BIGINT, s STRING, i INT, x BIGINT, text STRING},
 * every third s, every fifth i, every seventh x and every eleventh text NULL, and every fourth text
 * that is not NULL blank.
 */
final class NullRows {
  private NullRows() {}

  static Table table(StreamExecutionEnvironment streams, StreamTableEnvironment tables, int count) {
    List<Row> rows = new ArrayList<>();
    for (long id = 0; id < count; id++) {
      rows.add(
          Row.of(
              id,
              id % 3 == 0 ? null : "s" + id,
              id % 5 == 0 ? null : (int) id,
              id % 7 == 0 ? null : id * 10,
              id % 11 == 0 ? null : id % 4 == 0 ? " " : "w" + id + " v" + id));
    }
    TypeInformation<Row> type =
        new RowTypeInfo(
            new TypeInformation<?>[] {
              Types.LONG, Types.STRING, Types.INT, Types.LONG, Types.STRING
            },
            new String[] {"id", "s", "i", "x", "text"});
    return tables.fromDataStream(streams.fromData(rows, type));
  }
}
