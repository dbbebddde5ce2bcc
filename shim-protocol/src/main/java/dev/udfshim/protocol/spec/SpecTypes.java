package dev.udfshim.protocol.spec;

import io.confluent.flink.udf.execution.v1.FlinkExecApi.Schema;
import io.confluent.flink.udf.execution.v1.FlinkExecApi.Schema.FieldType;
import io.confluent.flink.udf.execution.v1.FlinkExecApi.Schema.TypeName;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.types.logical.ArrayType;
import org.apache.flink.table.types.logical.BigIntType;
import org.apache.flink.table.types.logical.BinaryType;
import org.apache.flink.table.types.logical.BooleanType;
import org.apache.flink.table.types.logical.CharType;
import org.apache.flink.table.types.logical.DateType;
import org.apache.flink.table.types.logical.DecimalType;
import org.apache.flink.table.types.logical.DoubleType;
import org.apache.flink.table.types.logical.FloatType;
import org.apache.flink.table.types.logical.IntType;
import org.apache.flink.table.types.logical.LocalZonedTimestampType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.MapType;
import org.apache.flink.table.types.logical.MultisetType;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.table.types.logical.SmallIntType;
import org.apache.flink.table.types.logical.TimeType;
import org.apache.flink.table.types.logical.TimestampType;
import org.apache.flink.table.types.logical.TinyIntType;
import org.apache.flink.table.types.logical.VarBinaryType;
import org.apache.flink.table.types.logical.VarCharType;

/** Maps the spec's {@code Schema.FieldType} to Flink's logical types and back. */
public final class SpecTypes {
  private SpecTypes() {}

  public static LogicalType toLogicalType(FieldType field) throws SpecException {
    boolean n = field.getNullable();
    try {
      return switch (field.getTypeName()) {
        case BOOLEAN -> new BooleanType(n);
        case TINYINT -> new TinyIntType(n);
        case SMALLINT -> new SmallIntType(n);
        case INT -> new IntType(n);
        case BIGINT -> new BigIntType(n);
        case FLOAT -> new FloatType(n);
        case DOUBLE -> new DoubleType(n);
        case DATE -> new DateType(n);
        case DECIMAL -> {
          if (!field.hasDecimalInfo()) {
            throw new SpecException("a DECIMAL field has no decimal_info (precision and scale)");
          }
          yield new DecimalType(
              n, field.getDecimalInfo().getPrecision(), field.getDecimalInfo().getScale());
        }
        case TIME -> new TimeType(n, field.hasTimeInfo() ? field.getTimeInfo().getPrecision() : 0);
        case TIMESTAMP ->
            new TimestampType(
                n, field.hasTimestampInfo() ? field.getTimestampInfo().getPrecision() : 6);
        case LOCAL_ZONED_TIMESTAMP ->
            new LocalZonedTimestampType(
                n,
                field.hasLocalZonedTimestampInfo()
                    ? field.getLocalZonedTimestampInfo().getPrecision()
                    : 6);
        case CHAR -> new CharType(n, field.hasCharInfo() ? field.getCharInfo().getLength() : 1);
        case VARCHAR ->
            new VarCharType(
                n,
                field.hasVarCharInfo()
                    ? field.getVarCharInfo().getLength()
                    : VarCharType.MAX_LENGTH);
        case BINARY ->
            new BinaryType(n, field.hasBinaryInfo() ? field.getBinaryInfo().getLength() : 1);
        case VARBINARY ->
            new VarBinaryType(
                n,
                field.hasVarBinaryInfo()
                    ? field.getVarBinaryInfo().getLength()
                    : VarBinaryType.MAX_LENGTH);
        case BASIC_ARRAY -> new ArrayType(n, element(field, "BASIC_ARRAY"));
        case MULTISET -> new MultisetType(n, element(field, "MULTISET"));
        case MAP -> {
          if (!field.hasMapInfo()) {
            throw new SpecException("a MAP field has no map_info (key and value types)");
          }
          yield new MapType(
              n,
              toLogicalType(field.getMapInfo().getKeyType()),
              toLogicalType(field.getMapInfo().getValueType()));
        }
        case ROW -> {
          if (!field.hasRowSchema()) {
            throw new SpecException("a ROW field has no row_schema");
          }
          List<RowType.RowField> fields = new ArrayList<>();
          for (Schema.Field f : field.getRowSchema().getFieldsList()) {
            fields.add(
                new RowType.RowField(
                    f.getName(),
                    toLogicalType(f.getType()),
                    f.getDescription().isEmpty() ? null : f.getDescription()));
          }
          yield new RowType(n, fields);
        }
        case ZONED_TIMESTAMP, NULL ->
            throw new SpecException(
                "type "
                    + field.getTypeName()
                    + " cannot cross the remote UDF wire format; declare the UDF with another type");
        case UNRECOGNIZED ->
            throw new SpecException(
                "type name number " + field.getTypeNameValue() + " is not a known Schema.TypeName");
      };
    } catch (ValidationException e) {
      throw new SpecException(
          "a " + field.getTypeName() + " field is invalid: " + e.getMessage(), e);
    }
  }

  private static LogicalType element(FieldType field, String what) throws SpecException {
    if (!field.hasCollectionElementType()) {
      throw new SpecException("a " + what + " field has no collection_element_type");
    }
    return toLogicalType(field.getCollectionElementType());
  }

  public static FieldType toFieldType(LogicalType type) {
    FieldType.Builder field = FieldType.newBuilder().setNullable(type.isNullable());
    switch (type.getTypeRoot()) {
      case BOOLEAN -> field.setTypeName(TypeName.BOOLEAN);
      case TINYINT -> field.setTypeName(TypeName.TINYINT);
      case SMALLINT -> field.setTypeName(TypeName.SMALLINT);
      case INTEGER -> field.setTypeName(TypeName.INT);
      case BIGINT -> field.setTypeName(TypeName.BIGINT);
      case FLOAT -> field.setTypeName(TypeName.FLOAT);
      case DOUBLE -> field.setTypeName(TypeName.DOUBLE);
      case DATE -> field.setTypeName(TypeName.DATE);
      case DECIMAL -> {
        DecimalType decimal = (DecimalType) type;
        field
            .setTypeName(TypeName.DECIMAL)
            .setDecimalInfo(
                Schema.DecimalInfo.newBuilder()
                    .setPrecision(decimal.getPrecision())
                    .setScale(decimal.getScale()));
      }
      case TIME_WITHOUT_TIME_ZONE ->
          field
              .setTypeName(TypeName.TIME)
              .setTimeInfo(
                  Schema.TimeInfo.newBuilder().setPrecision(((TimeType) type).getPrecision()));
      case TIMESTAMP_WITHOUT_TIME_ZONE ->
          field
              .setTypeName(TypeName.TIMESTAMP)
              .setTimestampInfo(
                  Schema.TimestampInfo.newBuilder()
                      .setPrecision(((TimestampType) type).getPrecision()));
      case TIMESTAMP_WITH_LOCAL_TIME_ZONE ->
          field
              .setTypeName(TypeName.LOCAL_ZONED_TIMESTAMP)
              .setLocalZonedTimestampInfo(
                  Schema.LocalZonedTimestampInfo.newBuilder()
                      .setPrecision(((LocalZonedTimestampType) type).getPrecision()));
      case CHAR ->
          field
              .setTypeName(TypeName.CHAR)
              .setCharInfo(Schema.CharInfo.newBuilder().setLength(((CharType) type).getLength()));
      case VARCHAR ->
          field
              .setTypeName(TypeName.VARCHAR)
              .setVarCharInfo(
                  Schema.VarCharInfo.newBuilder().setLength(((VarCharType) type).getLength()));
      case BINARY ->
          field
              .setTypeName(TypeName.BINARY)
              .setBinaryInfo(
                  Schema.BinaryInfo.newBuilder().setLength(((BinaryType) type).getLength()));
      case VARBINARY ->
          field
              .setTypeName(TypeName.VARBINARY)
              .setVarBinaryInfo(
                  Schema.VarBinaryInfo.newBuilder().setLength(((VarBinaryType) type).getLength()));
      case ARRAY ->
          field
              .setTypeName(TypeName.BASIC_ARRAY)
              .setCollectionElementType(toFieldType(((ArrayType) type).getElementType()));
      case MULTISET ->
          field
              .setTypeName(TypeName.MULTISET)
              .setCollectionElementType(toFieldType(((MultisetType) type).getElementType()));
      case MAP ->
          field
              .setTypeName(TypeName.MAP)
              .setMapInfo(
                  Schema.MapInfo.newBuilder()
                      .setKeyType(toFieldType(((MapType) type).getKeyType()))
                      .setValueType(toFieldType(((MapType) type).getValueType())));
      case ROW -> {
        Schema.Builder schema = Schema.newBuilder();
        for (RowType.RowField f : ((RowType) type).getFields()) {
          schema.addFields(
              Schema.Field.newBuilder()
                  .setName(f.getName())
                  .setDescription(f.getDescription().orElse(""))
                  .setType(toFieldType(f.getType())));
        }
        field.setTypeName(TypeName.ROW).setRowSchema(schema);
      }
      default ->
          throw new IllegalArgumentException(
              "Type " + type.asSummaryString() + " cannot be written into a spec.");
    }
    return field.build();
  }
}
