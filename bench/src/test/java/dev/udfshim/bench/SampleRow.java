package dev.udfshim.bench;

import java.math.BigDecimal;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.data.conversion.DataStructureConverter;
import org.apache.flink.table.data.conversion.DataStructureConverters;
import org.apache.flink.table.types.DataType;
import org.apache.flink.types.Row;

/** The nested value the codec benchmarks of both sides measure, so their figures compare. */
public final class SampleRow {
  private SampleRow() {}

  /** ROW&lt;name STRING, scores ARRAY&lt;INT&gt;, total DECIMAL(20, 2)&gt;. */
  public static final DataType TYPE =
      DataTypes.ROW(
          DataTypes.FIELD("name", DataTypes.STRING()),
          DataTypes.FIELD("scores", DataTypes.ARRAY(DataTypes.INT())),
          DataTypes.FIELD("total", DataTypes.DECIMAL(20, 2)));

  /** One value of {@link #TYPE} in Flink's internal data structures, as a codec takes it. */
  public static Object internal() {
    DataStructureConverter<Object, Object> converter = DataStructureConverters.getConverter(TYPE);
    converter.open(SampleRow.class.getClassLoader());
    return converter.toInternal(
        Row.of(
            "a name longer than seven bytes",
            new Integer[] {1, 2, 3, 4},
            new BigDecimal("1234.50")));
  }
}
