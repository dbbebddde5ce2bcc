package dev.udfshim.runtime.extraction;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.catalog.DataTypeFactory;
import org.apache.flink.table.catalog.UnresolvedIdentifier;
import org.apache.flink.table.types.AbstractDataType;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.UnresolvedDataType;
import org.apache.flink.table.types.extraction.DataTypeExtractor;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.utils.LogicalTypeParser;
import org.apache.flink.table.types.utils.TypeConversions;

/**
 * The data type factory Flink's type inference needs, without a planner or catalog: type strings
 * are parsed, classes extracted. What the remote platform cannot carry (catalog types, RAW types,
 * TypeInformation) is refused with a message that says so.
 */
final class ShimDataTypeFactory implements DataTypeFactory {
  private final ClassLoader classLoader;

  ShimDataTypeFactory(ClassLoader classLoader) {
    this.classLoader = classLoader;
  }

  @Override
  public DataType createDataType(AbstractDataType<?> abstractDataType) {
    if (abstractDataType instanceof DataType dataType) {
      return dataType;
    }
    if (abstractDataType instanceof UnresolvedDataType unresolved) {
      return unresolved.toDataType(this);
    }
    throw new ValidationException("Unsupported data type: " + abstractDataType);
  }

  @Override
  public DataType createDataType(String typeString) {
    return TypeConversions.fromLogicalToDataType(createLogicalType(typeString));
  }

  @Override
  public DataType createDataType(UnresolvedIdentifier identifier) {
    throw catalogType(identifier);
  }

  @Override
  public <T> DataType createDataType(Class<T> clazz) {
    return DataTypeExtractor.extractFromType(this, clazz);
  }

  @Override
  public <T> DataType createDataType(TypeInformation<T> typeInfo) {
    throw new ValidationException(
        "Type "
            + typeInfo
            + " is given as TypeInformation, which remote UDFs do not support; describe it with"
            + " @DataTypeHint instead.");
  }

  @Override
  public <T> DataType createRawDataType(Class<T> clazz) {
    throw rawType(clazz.getName());
  }

  @Override
  public <T> DataType createRawDataType(TypeInformation<T> typeInfo) {
    throw rawType(typeInfo.toString());
  }

  @Override
  public LogicalType createLogicalType(String typeString) {
    return LogicalTypeParser.parse(typeString, classLoader);
  }

  @Override
  public LogicalType createLogicalType(UnresolvedIdentifier identifier) {
    throw catalogType(identifier);
  }

  private static ValidationException catalogType(UnresolvedIdentifier identifier) {
    return new ValidationException(
        "Type '"
            + identifier.asSummaryString()
            + "' refers to a catalog type, which remote UDFs do not support; use a built-in SQL"
            + " type.");
  }

  private static ValidationException rawType(String what) {
    return new RawTypeException(what);
  }

  /** A RAW type asked for: {@link ConcreteTypes} says what to do instead. */
  static final class RawTypeException extends ValidationException {
    private static final long serialVersionUID = 1L;
    private final String what;

    RawTypeException(String what) {
      super(
          "Class "
              + what
              + " would be a RAW type, which cannot cross the remote UDF wire format; use SQL"
              + " types (boxed primitives, String, BigDecimal, java.time classes, arrays, Map,"
              + " Row).");
      this.what = what;
    }

    /** The class or type information the RAW type would hold. */
    String what() {
      return what;
    }
  }
}
