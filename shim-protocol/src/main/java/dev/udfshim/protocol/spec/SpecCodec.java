package dev.udfshim.protocol.spec;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.udfshim.protocol.codec.WireTypes;
import dev.udfshim.protocol.config.ConfigKeys;
import io.confluent.flink.udf.execution.v1.FlinkExecApi.CoderInfoDescriptor;
import io.confluent.flink.udf.execution.v1.FlinkExecApi.PythonRemoteUdfSpec;
import io.confluent.flink.udf.execution.v1.FlinkExecApi.Schema;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.utils.LogicalTypeParser;

/**
 * Reads and writes config var {@value ConfigKeys#SPEC_VAR}: base64 of a protobuf {@code
 * PythonRemoteUdfSpec}, or of the older binary form, told apart by its first byte (0x00 only in the
 * older form).
 */
public final class SpecCodec {
  private static final String VAR = ConfigKeys.SPEC_VAR;

  /** The output field name the platform uses for the result. */
  public static final String RESULT_FIELD = "f0";

  private SpecCodec() {}

  public static UdfSpec fromBase64(String text) throws SpecException {
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(text.replaceAll("\\s", ""));
    } catch (IllegalArgumentException e) {
      throw new SpecException(
          VAR
              + " is not valid base64 ("
              + e.getMessage()
              + "); write the output of `gen-spec` into it unchanged.");
    }
    return fromBytes(bytes);
  }

  public static UdfSpec fromBytes(byte[] bytes) throws SpecException {
    if (bytes.length == 0) {
      throw new SpecException(VAR + " is empty; write the output of `gen-spec` into it.");
    }
    return bytes[0] == 0 ? fromLegacy(bytes) : fromProto(bytes);
  }

  private static UdfSpec fromProto(byte[] bytes) throws SpecException {
    PythonRemoteUdfSpec spec;
    try {
      spec = PythonRemoteUdfSpec.parseFrom(bytes);
    } catch (InvalidProtocolBufferException e) {
      throw new SpecException(
          VAR
              + " does not hold a PythonRemoteUdfSpec ("
              + e.getMessage()
              + "); regenerate it with `gen-spec`.");
    }
    if (spec.getClassName().isBlank()) {
      throw new SpecException(VAR + " names no class_name; regenerate it with `gen-spec`.");
    }
    List<String> names = new ArrayList<>();
    List<LogicalType> types = new ArrayList<>();
    int index = 0;
    for (Schema.Field field : schema(spec.getInputCoder(), "input_coder").getFieldsList()) {
      index++;
      names.add(field.getName().isEmpty() ? null : field.getName());
      try {
        types.add(SpecTypes.toLogicalType(field.getType()));
      } catch (SpecException e) {
        throw new SpecException(
            "In " + VAR + ", argument " + index + " is unusable: " + e.getMessage() + ".", e);
      }
    }
    List<Schema.Field> output = schema(spec.getOutputCoder(), "output_coder").getFieldsList();
    if (output.isEmpty()) {
      throw new SpecException(
          VAR + " has no result field in output_coder; regenerate it with `gen-spec`.");
    }
    LogicalType result;
    try {
      result = SpecTypes.toLogicalType(output.get(0).getType());
    } catch (SpecException e) {
      throw new SpecException("In " + VAR + ", the result is unusable: " + e.getMessage() + ".", e);
    }
    return new UdfSpec(spec.getPluginId(), spec.getClassName(), names, types, result, Map.of());
  }

  private static Schema schema(CoderInfoDescriptor coder, String what) throws SpecException {
    return switch (coder.getDataTypeCase()) {
      case FLATTEN_ROW_TYPE -> coder.getFlattenRowType().getSchema();
      case ROW_TYPE -> coder.getRowType().getSchema();
      case DATATYPE_NOT_SET ->
          throw new SpecException(
              VAR + " has no schema in " + what + "; regenerate it with `gen-spec`.");
    };
  }

  /** The older Java form: DataOutput fields, types as Flink serializable type strings. */
  private static UdfSpec fromLegacy(byte[] bytes) throws SpecException {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      in.readUTF(); // organization
      in.readUTF(); // environment
      String pluginId = in.readUTF();
      in.readUTF(); // plugin version id
      String className = in.readUTF();
      in.readBoolean(); // is deterministic: the class itself answers that
      LogicalType result = parseType(in.readUTF(), "the result");
      int count = in.readInt();
      if (count < 0 || count > 65_535) {
        throw new SpecException(
            VAR
                + " holds a binary spec that declares "
                + count
                + " arguments; regenerate it with `gen-spec`.");
      }
      List<String> names = new ArrayList<>();
      List<LogicalType> types = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        names.add(null);
        types.add(parseType(in.readUTF(), "argument " + (i + 1)));
      }
      Map<String, String> configuration = new LinkedHashMap<>();
      if (in.available() > 0) {
        int pairs = in.readInt();
        for (int i = 0; i < pairs; i++) {
          configuration.put(in.readUTF(), in.readUTF());
        }
      }
      return new UdfSpec(pluginId, className, names, types, result, configuration);
    } catch (EOFException e) {
      throw new SpecException(
          VAR + " holds a binary spec that ends too early; regenerate it with `gen-spec`.", e);
    } catch (IOException e) {
      throw new SpecException(VAR + " holds an unreadable binary spec: " + e.getMessage(), e);
    }
  }

  private static String typeOf(String what, String text) {
    return "In " + VAR + ", the type of " + what + " ('" + text + "')";
  }

  private static LogicalType parseType(String text, String what) throws SpecException {
    try {
      LogicalType type = LogicalTypeParser.parse(text, SpecCodec.class.getClassLoader());
      // Unknown names parse as catalog type references; the wire format carries none of those.
      if (WireTypes.firstUnsupported(type).isPresent()) {
        throw new SpecException(
            typeOf(what, text)
                + " is not one the remote UDF wire format carries; regenerate the spec with"
                + " `gen-spec`.");
      }
      return type;
    } catch (ValidationException e) {
      throw new SpecException(
          typeOf(what, text)
              + " does not parse ("
              + e.getMessage()
              + "); regenerate the spec with `gen-spec`.",
          e);
    }
  }

  /** The protobuf form, base64-encoded: what the platform writes into spec_base64. */
  public static String toBase64(UdfSpec spec) {
    Schema.Builder input = Schema.newBuilder();
    for (int i = 0; i < spec.argumentTypes().size(); i++) {
      String name = spec.argumentNames().get(i);
      input.addFields(
          Schema.Field.newBuilder()
              .setName(name != null ? name : UdfSpec.defaultName(i))
              .setType(SpecTypes.toFieldType(spec.argumentTypes().get(i))));
    }
    Schema output =
        Schema.newBuilder()
            .addFields(
                Schema.Field.newBuilder()
                    .setName(RESULT_FIELD)
                    .setType(SpecTypes.toFieldType(spec.resultType())))
            .build();
    PythonRemoteUdfSpec proto =
        PythonRemoteUdfSpec.newBuilder()
            .setPluginId(spec.pluginId())
            .setClassName(spec.className())
            .setInputCoder(
                CoderInfoDescriptor.newBuilder()
                    .setFlattenRowType(
                        CoderInfoDescriptor.FlattenRowType.newBuilder().setSchema(input)))
            .setOutputCoder(
                CoderInfoDescriptor.newBuilder()
                    .setFlattenRowType(
                        CoderInfoDescriptor.FlattenRowType.newBuilder().setSchema(output)))
            .build();
    return Base64.getEncoder().encodeToString(proto.toByteArray());
  }
}
