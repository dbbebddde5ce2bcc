package dev.udfshim.flink;

import static org.apache.flink.table.api.Expressions.$;

import dev.udfshim.flink.batch.BatchCallOperator;
import dev.udfshim.flink.function.BoundSignature;
import dev.udfshim.flink.function.ShimFunctionDefinition;
import dev.udfshim.protocol.UdfKind;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.flink.api.dag.Transformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.operators.ChainingStrategy;
import org.apache.flink.streaming.api.transformations.LegacySourceTransformation;
import org.apache.flink.streaming.api.transformations.PartitionTransformation;
import org.apache.flink.streaming.api.transformations.PhysicalTransformation;
import org.apache.flink.table.api.Expressions;
import org.apache.flink.table.api.Table;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.table.catalog.Column;
import org.apache.flink.table.catalog.ResolvedSchema;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.expressions.Expression;
import org.apache.flink.table.runtime.typeutils.InternalTypeInfo;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.table.types.utils.TypeConversions;

/**
 * The exact batched form of the shim's remote UDFs, for the Table API: a {@link Table} goes through
 * Flink's DataStream bridge into an operator of ours that calls the UDF many rows per call, and
 * comes back as a table of every input column plus the result. The operator carries each row itself
 * and sends only the arguments, so every column, NULLs included, is what came in, on every Flink
 * version and in streaming and batch runtime mode alike.
 *
 * <pre>{@code
 * ShimTables shim = ShimTables.of(ShimFunctions.builder()
 *     .signatures(Path.of("target/shim/signatures.json"))
 *     .endpoint("com.example.udfs.AddOne", 0, "localhost:50051")
 *     .build());
 * Table out = shim.call(tableEnv, orders, "AddOne", "a", "b");   // orders' columns + AddOne
 * Table words = shim.call(tableEnv, docs, "SplitWords", "text"); // a row per word, as a join
 * }</pre>
 *
 * Batch size and wait tune themselves ({@link dev.udfshim.flink.batch.BatchTuning}); the module's
 * options ('batch.size', 'batch.max-wait', 'async.max-in-flight', 'call.timeout', ...) set them.
 */
public final class ShimTables {
  private static final String ARGUMENT_PREFIX = "$shim_arg_";

  private final ShimModule module;

  private ShimTables(ShimModule module) {
    this.module = module;
  }

  /** The functions of a module, as {@link ShimFunctions#builder()} builds it. */
  public static ShimTables of(ShimModule module) {
    return new ShimTables(module);
  }

  /**
   * Calls a function on every row of a table: every input column, then the result. A scalar
   * function adds one column named after the function; a table function adds its row's fields (or
   * one column named after it), one output row per emitted row, and drops input rows that emit
   * nothing, as a SQL {@code LATERAL TABLE} join does.
   *
   * @param argumentColumns the input columns that are the arguments, in order; their types select
   *     the signature (equal types first, else one they cast to implicitly)
   */
  public Table call(
      StreamTableEnvironment env, Table input, String function, String... argumentColumns) {
    return call(env, input, function, false, argumentColumns);
  }

  /**
   * As {@link #call}, but a table function's input row that emits nothing is kept once, with NULL
   * results, as a SQL {@code LEFT JOIN LATERAL TABLE ... ON TRUE} does.
   */
  public Table callKeepingEmpty(
      StreamTableEnvironment env, Table input, String function, String... argumentColumns) {
    return call(env, input, function, true, argumentColumns);
  }

  private Table call(
      StreamTableEnvironment env,
      Table input,
      String function,
      boolean keepEmpty,
      String... argumentColumns) {
    ShimFunctionDefinition definition =
        module
            .getFunctionDefinition(function)
            .map(ShimFunctionDefinition.class::cast)
            .orElseThrow(
                () ->
                    new ValidationException(
                        "The shim module has no function "
                            + function
                            + "; it has "
                            + module.listFunctions()
                            + " (a function without an endpoint is not registered)."));
    ResolvedSchema schema = input.getResolvedSchema();
    List<String> names = schema.getColumnNames();
    List<LogicalType> columnTypes = new ArrayList<>();
    for (String column : argumentColumns) {
      int index = names.indexOf(column);
      if (index < 0) {
        throw new ValidationException(
            "The table has no column " + column + " for " + function + "; it has " + names + ".");
      }
      columnTypes.add(schema.getColumnDataTypes().get(index).getLogicalType());
    }
    BoundSignature bound = definition.bind(columnTypes);
    boolean table = definition.udf().kind() == UdfKind.TABLE;

    // Arguments whose column type differs from the signature's are cast by the planner first,
    // into columns of their own that are dropped again after the call.
    List<Expression> casts = new ArrayList<>();
    List<String> argumentNames = new ArrayList<>();
    for (int i = 0; i < argumentColumns.length; i++) {
      LogicalType target = bound.signature().argumentTypes().get(i);
      if (columnTypes.get(i).copy(true).equals(target.copy(true))) {
        argumentNames.add(argumentColumns[i]);
      } else {
        String name = ARGUMENT_PREFIX + i;
        casts.add(
            $(argumentColumns[i]).cast(TypeConversions.fromLogicalToDataType(target)).as(name));
        argumentNames.add(name);
      }
    }
    Table prepared = casts.isEmpty() ? input : input.addColumns(casts.toArray(Expression[]::new));

    RowType inputType =
        (RowType) prepared.getResolvedSchema().toPhysicalRowDataType().getLogicalType();
    List<String> preparedNames = inputType.getFieldNames();
    int[] argumentFields = argumentNames.stream().mapToInt(preparedNames::indexOf).toArray();

    List<RowType.RowField> fields = new ArrayList<>(inputType.getFields());
    LogicalType result = bound.signature().returnType();
    List<RowType.RowField> resultFields = new ArrayList<>();
    if (table && result instanceof RowType row) {
      for (RowType.RowField field : row.getFields()) {
        resultFields.add(
            new RowType.RowField(
                field.getName(), keepEmpty ? field.getType().copy(true) : field.getType()));
      }
    } else {
      resultFields.add(
          new RowType.RowField(definition.name(), keepEmpty ? result.copy(true) : result));
    }
    Set<String> taken = new HashSet<>();
    preparedNames.forEach(n -> taken.add(n.toLowerCase(Locale.ROOT)));
    for (RowType.RowField field : resultFields) {
      if (!taken.add(field.getName().toLowerCase(Locale.ROOT))) {
        throw new ValidationException(
            "The table already has a column "
                + field.getName()
                + ", which "
                + function
                + " adds; rename that column first (Table#renameColumns).");
      }
    }
    fields.addAll(resultFields);
    RowType outputType = new RowType(false, fields);

    DataType rows = prepared.getResolvedSchema().toPhysicalRowDataType().bridgedTo(RowData.class);
    DataStream<RowData> stream = env.toDataStream(prepared, rows);
    DataStream<RowData> called =
        stream.transform(
            "shim " + bound.target(),
            InternalTypeInfo.of(outputType),
            new BatchCallOperator(
                bound,
                table,
                keepEmpty,
                inputType,
                argumentFields,
                resultFields.size(),
                outputType));
    // Chained to what feeds it (no serialization between the table's rows and the calls), except
    // behind a legacy source (SourceFunction): its thread is not the task's mailbox thread, which
    // the operator needs to wait for a free call, so Flink's own async operator is not chained
    // there either.
    ((PhysicalTransformation<?>) called.getTransformation())
        .setChainingStrategy(
            feedsFromLegacySource(stream.getTransformation(), 0)
                ? ChainingStrategy.HEAD
                : ChainingStrategy.ALWAYS);
    Table out = env.fromDataStream(called);
    if (casts.isEmpty()) {
      return out;
    }
    List<Expression> kept = new ArrayList<>();
    for (String name : out.getResolvedSchema().getColumnNames()) {
      if (!name.startsWith(ARGUMENT_PREFIX)) {
        kept.add(Expressions.$(name));
      }
    }
    return out.select(kept.toArray(Expression[]::new));
  }

  /** Whether a legacy source feeds this transformation without a shuffle in between. */
  private static boolean feedsFromLegacySource(Transformation<?> transformation, int depth) {
    if (transformation instanceof LegacySourceTransformation) {
      return true;
    }
    if (transformation instanceof PartitionTransformation || depth > 100) {
      return false;
    }
    for (Transformation<?> input : transformation.getInputs()) {
      if (feedsFromLegacySource(input, depth + 1)) {
        return true;
      }
    }
    return false;
  }

  /** The columns of a schema, for messages. */
  static List<String> describe(ResolvedSchema schema) {
    List<String> columns = new ArrayList<>();
    for (Column column : schema.getColumns()) {
      columns.add(column.getName() + " " + column.getDataType());
    }
    return columns;
  }
}
