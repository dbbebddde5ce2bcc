package dev.udfshim.runtime.execution;

import dev.udfshim.protocol.codec.CodecException;
import dev.udfshim.protocol.codec.ValueCodec;
import dev.udfshim.protocol.framing.AnswerWriter;
import dev.udfshim.protocol.framing.ArgumentsCodec;
import dev.udfshim.protocol.framing.ControlFrames;
import dev.udfshim.protocol.framing.Framing;
import dev.udfshim.runtime.config.ExecutionOptions;
import dev.udfshim.runtime.handler.Failures;
import dev.udfshim.runtime.handler.Fatal;
import dev.udfshim.runtime.handler.HandlerException;
import dev.udfshim.runtime.logging.LogText;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.flink.table.data.conversion.DataStructureConverter;
import org.apache.flink.table.data.conversion.DataStructureConverters;
import org.apache.flink.table.functions.TableFunction;
import org.apache.flink.table.functions.UserDefinedFunction;
import org.apache.flink.table.types.DataType;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One opened UDF object with everything a call needs, bound once: the eval method handle, the
 * argument and result codecs, and Flink's converters between its internal data structures and the
 * Java classes eval declares. Used by one thread at a time (its slot's).
 */
final class UdfInstance {
  private static final Logger LOG = LoggerFactory.getLogger(UdfInstance.class);

  private final Binding binding;
  private final ExecutionSettings settings;
  private final UserDefinedFunction function;
  private final String className;
  private final MethodHandle eval;
  private final ArgumentsCodec arguments;
  private final List<DataStructureConverter<Object, Object>> argumentConverters;
  private final boolean[] primitive;
  private final DataStructureConverter<Object, Object> resultConverter;
  private final ValueCodec resultCodec;
  private final boolean resultNullable;
  private final List<Object> rows = new ArrayList<>();
  private final AtomicBoolean closed = new AtomicBoolean();

  /** Whether results are checked against their DECIMAL precision (see {@link DecimalFit}). */
  private final boolean decimalResult;

  /** Appended to a failure: what the serialization round trip took from the instance, if any. */
  private final String shippingHint;

  private UdfInstance(
      Binding binding,
      ExecutionSettings settings,
      UserDefinedFunction function,
      ClassLoader loader,
      String shippingHint)
      throws IllegalAccessException {
    this.shippingHint = shippingHint;
    this.decimalResult = DecimalFit.concerns(binding.signature().returnType().getLogicalType());
    this.binding = binding;
    this.settings = settings;
    this.function = function;
    this.className = binding.udf().type().getName();
    int arity = binding.method().getParameterCount();
    this.eval =
        MethodHandles.publicLookup()
            .unreflect(binding.method())
            .bindTo(function)
            .asSpreader(Object[].class, arity)
            .asType(MethodType.methodType(Object.class, Object[].class));
    this.arguments =
        new ArgumentsCodec(binding.spec().argumentNames(), binding.spec().argumentTypes());
    this.argumentConverters = new ArrayList<>();
    this.primitive = new boolean[arity];
    for (int i = 0; i < arity; i++) {
      argumentConverters.add(converter(binding.signature().argumentTypes().get(i), loader));
      primitive[i] = binding.method().getParameterTypes()[i].isPrimitive();
    }
    this.resultConverter = converter(binding.signature().returnType(), loader);
    this.resultCodec = ValueCodec.forType(binding.spec().resultType());
    // The method's own declaration decides, as Flink would: the spec may relax it to nullable.
    this.resultNullable = binding.signature().returnType().getLogicalType().isNullable();
    if (function instanceof TableFunction<?> table) {
      setCollector(table, rows);
    }
  }

  @SuppressWarnings("unchecked")
  private static void setCollector(TableFunction<?> table, List<Object> rows) {
    ((TableFunction<Object>) table)
        .setCollector(
            new Collector<>() {
              @Override
              public void collect(Object record) {
                rows.add(record);
              }

              @Override
              public void close() {}
            });
  }

  private static DataStructureConverter<Object, Object> converter(
      DataType type, ClassLoader loader) {
    DataStructureConverter<Object, Object> converter = DataStructureConverters.getConverter(type);
    converter.open(loader);
    return converter;
  }

  /** A new instance of the UDF, opened. */
  static UdfInstance open(
      Binding binding,
      ExecutionSettings settings,
      ClassLoader loader,
      Map<String, String> jobParameters)
      throws HandlerException {
    String className = binding.udf().type().getName();
    UserDefinedFunction function;
    try {
      function = (UserDefinedFunction) binding.udf().type().getConstructor().newInstance();
    } catch (ReflectiveOperationException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw new HandlerException(
          "Cannot create '" + className + "': " + Failures.describe(cause), cause);
    } catch (Throwable e) {
      Fatal.check(e, "the constructor of " + className);
      throw new HandlerException("Cannot create '" + className + "': " + Failures.describe(e), e);
    }
    return open(binding, settings, loader, jobParameters, function);
  }

  /** Opens an instance that is already constructed (the one extraction made). */
  static UdfInstance open(
      Binding binding,
      ExecutionSettings settings,
      ClassLoader loader,
      Map<String, String> jobParameters,
      UserDefinedFunction constructed)
      throws HandlerException {
    String className = binding.udf().type().getName();
    UserDefinedFunction function = constructed;
    String hint = "";
    if (settings.serializeInstances()) {
      Shipping.Shipped shipped = Shipping.roundTrip(constructed, loader);
      function = shipped.function();
      hint = shipped.hint();
    }
    try {
      // getJobParameter answers from this configuration: the config vars, else the default.
      function.open(new ShimFunctionContext(loader, jobParameters));
    } catch (Throwable e) {
      Fatal.check(e, "open() of " + className);
      throw new HandlerException(
          "open() of '"
              + className
              + "' threw "
              + Failures.describe(e)
              + hint
              + "; fix open() or the resources it needs.",
          e);
    }
    try {
      return new UdfInstance(binding, settings, function, loader, hint);
    } catch (IllegalAccessException | RuntimeException e) {
      closeQuietly(function, className);
      throw new HandlerException(
          "Cannot bind "
              + binding.method()
              + " ("
              + Failures.describe(e)
              + "); make the method and its class public.",
          e);
    }
  }

  /**
   * Runs one request: one argument tuple, or with batching (the server's legacy switch, or a batch
   * control frame, which the handler lets through only when it is one) a row count and that many
   * tuples. The answer is the result (table function: the row count, then each row), or for a batch
   * the row count, then each row's answer. Any failure fails the whole request.
   */
  byte[] run(byte[] payload) throws HandlerException {
    Framing framing =
        ControlFrames.isControl(payload) && ControlFrames.kind(payload) == ControlFrames.BATCH
            ? Framing.BATCH_FRAME
            : Framing.of(settings.batch());
    Object[][] tuples;
    try {
      // The whole batch is decoded before any eval, so bad framing runs no user code.
      tuples = framing.readRequest(payload, arguments, settings.batchMaxRows());
    } catch (CodecException e) {
      // A batch's framing says what is wrong with it; a one-row payload that does not fit is most
      // likely a call meant for another signature.
      throw new HandlerException(
          settings.batch()
              ? e.getMessage()
              : PayloadMismatch.describe(payload, e, className, binding));
    }
    int count = tuples.length;
    int capacity = framing.batched() ? Math.max(64, Math.min(payload.length, 1 << 20)) : 64;
    AnswerWriter answer = framing.newAnswer(resultCodec, count, capacity);
    for (int row = 0; row < count; row++) {
      evalInto(tuples[row], answer, framing.batched() ? Framing.rowPrefix(row, count) : "");
    }
    return answer.toByteArray();
  }

  /** Converts the arguments, runs eval, and appends the encoded result (or rows) to out. */
  private void evalInto(Object[] internal, AnswerWriter out, String where) throws HandlerException {
    Object[] external = new Object[internal.length];
    for (int i = 0; i < internal.length; i++) {
      if (internal[i] == null && primitive[i]) {
        throw new HandlerException(
            where
                + "The "
                + arguments.describe(i)
                + " is null, but "
                + binding.method().getName()
                + " takes a primitive "
                + binding.method().getParameterTypes()[i]
                + " there; declare the parameter with its boxed class to accept nulls.");
      }
      try {
        external[i] = argumentConverters.get(i).toExternalOrNull(internal[i]);
      } catch (RuntimeException e) {
        throw new HandlerException(
            where
                + "Cannot convert "
                + arguments.describe(i)
                + " to the "
                + binding.method().getParameterTypes()[i].getSimpleName()
                + " that eval takes ("
                + Failures.describe(e)
                + "); if the value holds nulls, declare the parameter with boxed element types.");
      }
    }
    rows.clear();
    Object result;
    try {
      result = eval.invokeExact(external);
    } catch (Throwable t) {
      Fatal.check(t, className + ".eval");
      throw new HandlerException(
          where + className + ".eval threw " + Failures.describe(t) + shippingHint, t);
    }
    try {
      if (binding.isTable()) {
        out.emitted(rows.size());
        for (Object row : rows) {
          writeResult(row, out, where);
        }
      } else {
        writeResult(result, out, where);
      }
    } catch (RuntimeException e) {
      LOG.warn("Cannot encode the result of {}", binding.method(), e);
      throw new HandlerException(
          where
              + "Cannot encode the result of "
              + className
              + ".eval as "
              + binding.spec().resultType().asSummaryString()
              + ": "
              + Failures.describe(e));
    }
  }

  private void writeResult(Object value, AnswerWriter out, String where) throws HandlerException {
    if (value == null && !resultNullable) {
      throw new HandlerException(
          where
              + className
              + ".eval "
              + (binding.isTable() ? "emitted a null row" : "returned null")
              + ", but its signature "
              + binding.signature()
              + " declares the result NOT NULL; return a value, or declare the result nullable.");
    }
    if (decimalResult) {
      String problem = DecimalFit.problem(value, binding.signature().returnType().getLogicalType());
      if (problem != null) {
        throw new HandlerException(
            where
                + className
                + ".eval "
                + (binding.isTable() ? "emitted a row where " : "returned a value where ")
                + problem
                + "; round the value to the type, or declare a wider DECIMAL.");
      }
    }
    out.value(resultConverter.toInternalOrNull(value));
    if (out.size() > settings.maxResultBytes()) {
      throw new HandlerException(
          where
              + "The result of "
              + className
              + ".eval is over "
              + settings.maxResultBytes()
              + " bytes ("
              + ExecutionOptions.MAX_RESULT_BYTES.key()
              + "); return less per call"
              + (where.isEmpty() ? "" : " or send fewer rows per batch")
              + ", or raise the limit (the client's gRPC message limit must allow it too).");
    }
  }

  /** Runs close() once, whichever thread asks first. */
  void close() {
    if (closed.compareAndSet(false, true)) {
      closeQuietly(function, className);
    }
  }

  private static void closeQuietly(UserDefinedFunction function, String className) {
    try {
      function.close();
    } catch (Throwable e) {
      Fatal.check(e, "close() of " + className);
      LOG.warn("close() of '{}' threw {}", className, LogText.safe(Failures.describe(e)));
    }
  }
}
