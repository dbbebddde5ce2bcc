package dev.udfshim.runtime.execution;

import dev.udfshim.runtime.codec.ArgumentsCodec;
import dev.udfshim.runtime.codec.CodecException;
import dev.udfshim.runtime.codec.ValueCodec;
import dev.udfshim.runtime.codec.WireWriter;
import dev.udfshim.runtime.handler.Failures;
import dev.udfshim.runtime.handler.HandlerException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.WithConfigurationOpenContext;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.table.data.conversion.DataStructureConverter;
import org.apache.flink.table.data.conversion.DataStructureConverters;
import org.apache.flink.table.functions.FunctionContext;
import org.apache.flink.table.functions.TableFunction;
import org.apache.flink.table.functions.UserDefinedFunction;
import org.apache.flink.table.types.DataType;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One opened UDF object with everything a call needs, bound once: the eval method handle, the
 * argument and result codecs, and Flink's converters between its internal data structures and the
 * Java classes eval declares. Used by one thread at a time.
 */
final class UdfInstance {
  private static final Logger LOG = LoggerFactory.getLogger(UdfInstance.class);

  private final Binding binding;
  private final UserDefinedFunction function;
  private final MethodHandle eval;
  private final ArgumentsCodec arguments;
  private final List<DataStructureConverter<Object, Object>> argumentConverters;
  private final boolean[] primitive;
  private final DataStructureConverter<Object, Object> resultConverter;
  private final ValueCodec resultCodec;
  private final List<Object> rows = new ArrayList<>();

  private UdfInstance(Binding binding, UserDefinedFunction function, ClassLoader loader)
      throws IllegalAccessException {
    this.binding = binding;
    this.function = function;
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
  static UdfInstance open(Binding binding, ClassLoader loader, Map<String, String> jobParameters)
      throws HandlerException {
    String className = binding.udf().type().getName();
    UserDefinedFunction function;
    try {
      function = (UserDefinedFunction) binding.udf().type().getConstructor().newInstance();
      // getJobParameter answers from this configuration: the config vars, else the default.
      function.open(
          new FunctionContext(
              null,
              loader,
              new WithConfigurationOpenContext(Configuration.fromMap(jobParameters))));
    } catch (ReflectiveOperationException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      LOG.error("Cannot create '{}'", className, cause);
      throw new HandlerException(
          "Cannot create '" + className + "': " + Failures.describe(cause), cause);
    } catch (Throwable e) {
      Failures.rethrowIfFatal(e);
      LOG.error("open() of '{}' failed", className, e);
      throw new HandlerException(
          "open() of '"
              + className
              + "' threw "
              + Failures.describe(e)
              + "; fix open() or the resources it needs.",
          e);
    }
    try {
      return new UdfInstance(binding, function, loader);
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

  /** Decodes the arguments, runs eval, encodes the result (for a table function: all rows). */
  byte[] call(byte[] payload) throws HandlerException {
    Object[] internal;
    try {
      internal = arguments.decode(payload);
    } catch (CodecException e) {
      throw new HandlerException(e.getMessage());
    }
    Object[] external = new Object[internal.length];
    for (int i = 0; i < internal.length; i++) {
      if (internal[i] == null && primitive[i]) {
        throw new HandlerException(
            "The "
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
            "Cannot convert "
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
      Failures.rethrowIfFatal(t);
      LOG.error("{} threw", binding.method(), t);
      throw new HandlerException(
          binding.udf().type().getName() + ".eval threw " + Failures.describe(t));
    }
    WireWriter out = new WireWriter();
    try {
      if (binding.isTable()) {
        out.writeInt(rows.size());
        for (Object row : rows) {
          resultCodec.write(resultConverter.toInternalOrNull(row), out);
        }
      } else {
        resultCodec.write(resultConverter.toInternalOrNull(result), out);
      }
    } catch (RuntimeException e) {
      LOG.error("Cannot encode the result of {}", binding.method(), e);
      throw new HandlerException(
          "Cannot encode the result of "
              + binding.udf().type().getName()
              + ".eval as "
              + binding.spec().resultType().asSummaryString()
              + ": "
              + Failures.describe(e));
    }
    return out.toByteArray();
  }

  void close() {
    closeQuietly(function, binding.udf().type().getName());
  }

  private static void closeQuietly(UserDefinedFunction function, String className) {
    try {
      function.close();
    } catch (Throwable e) {
      Failures.rethrowIfFatal(e);
      LOG.warn("close() of '{}' failed", className, e);
    }
  }
}
