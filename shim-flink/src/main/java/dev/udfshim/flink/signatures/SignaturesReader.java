package dev.udfshim.flink.signatures;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.LogicalTypeRoot;
import org.apache.flink.table.types.logical.utils.LogicalTypeParser;

/**
 * Reads the signatures.json the shim plugin writes ({@code target/shim/signatures.json}, and the
 * root of the shim zip), from the file itself or from the zip. Every problem is a {@link
 * ValidationException} whose message names the file and what to do.
 */
public final class SignaturesReader {
  /** The entry of the shim zip that holds the signatures. */
  public static final String ZIP_ENTRY = "signatures.json";

  private static final Gson GSON = new Gson();

  // The JSON layout, as the plugin writes it; converted into the public records after checks.
  private record FileJson(String shimVersion, List<FunctionJson> functions) {}

  private record FunctionJson(
      String className, String kind, Boolean deterministic, List<SignatureJson> signatures) {}

  private record SignatureJson(
      Integer index, List<String> argumentNames, List<String> argumentTypes, String returnType) {}

  private SignaturesReader() {}

  /** The UDFs of a signatures.json, or of the shim zip at {@code path}. */
  public static List<ShimUdf> read(Path path, ClassLoader loader) {
    return parse(text(path), path.toString(), loader);
  }

  /** The UDFs described by a signatures.json's text; {@code source} names it in messages. */
  public static List<ShimUdf> parse(String json, String source, ClassLoader loader) {
    FileJson file;
    try {
      file = GSON.fromJson(json, FileJson.class);
    } catch (JsonParseException e) {
      throw new ValidationException(
          source
              + " is not a signatures.json ("
              + e.getMessage()
              + "); use the one `mvn package` wrote into target/shim/ or the shim zip.");
    }
    if (file == null || file.functions() == null) {
      throw new ValidationException(
          source
              + " has no \"functions\" list, so it is not a signatures.json; use the one `mvn"
              + " package` wrote into target/shim/ or the shim zip.");
    }
    List<ShimUdf> udfs = new ArrayList<>();
    for (int f = 0; f < file.functions().size(); f++) {
      udfs.add(function(file.functions().get(f), f, source, loader));
    }
    return udfs;
  }

  private static ShimUdf function(FunctionJson json, int position, String source, ClassLoader l) {
    String where = source + ", function " + (position + 1);
    if (json == null || json.className() == null || json.className().isBlank()) {
      throw broken(where, "has no className");
    }
    where = source + ", " + json.className();
    ShimUdf.Kind kind;
    try {
      kind = ShimUdf.Kind.valueOf(String.valueOf(json.kind()));
    } catch (IllegalArgumentException e) {
      throw broken(where, "has kind " + json.kind() + ", not SCALAR or TABLE");
    }
    if (json.signatures() == null || json.signatures().isEmpty()) {
      throw broken(where, "has no signatures");
    }
    List<ShimSignature> signatures = new ArrayList<>();
    for (int s = 0; s < json.signatures().size(); s++) {
      signatures.add(signature(json.signatures().get(s), s, where, l));
    }
    return new ShimUdf(
        json.className(),
        kind,
        json.deterministic() == null || json.deterministic(),
        signatures,
        source);
  }

  private static ShimSignature signature(
      SignatureJson json, int position, String where, ClassLoader loader) {
    String at = where + " signature " + position;
    if (json == null || json.argumentTypes() == null || json.returnType() == null) {
      throw broken(at, "lacks argumentTypes or returnType");
    }
    if (json.index() != null && json.index() != position) {
      throw broken(at, "has index " + json.index() + " at position " + position);
    }
    List<LogicalType> types = new ArrayList<>();
    for (String type : json.argumentTypes()) {
      types.add(type(type, at, loader));
    }
    List<String> names = json.argumentNames() == null ? List.of() : json.argumentNames();
    if (!names.isEmpty() && names.size() != types.size()) {
      throw broken(at, "has " + names.size() + " argument names for " + types.size() + " types");
    }
    return new ShimSignature(position, names, types, type(json.returnType(), at, loader));
  }

  private static LogicalType type(String text, String at, ClassLoader loader) {
    LogicalType type;
    try {
      type = LogicalTypeParser.parse(text, loader);
    } catch (RuntimeException e) {
      throw broken(
          at, "has type '" + text + "', which Flink cannot parse (" + e.getMessage() + ")");
    }
    LogicalType unsupported = firstUnsupported(type);
    if (unsupported != null) {
      throw broken(
          at,
          "has type '"
              + text
              + "', and "
              + unsupported.asSummaryString()
              + " cannot cross the wire (docs/protocol.md, Values)");
    }
    return type;
  }

  /** The types the wire format carries (the protocol's section 5). */
  private static final Set<LogicalTypeRoot> WIRE_TYPES =
      EnumSet.of(
          LogicalTypeRoot.BOOLEAN,
          LogicalTypeRoot.TINYINT,
          LogicalTypeRoot.SMALLINT,
          LogicalTypeRoot.INTEGER,
          LogicalTypeRoot.BIGINT,
          LogicalTypeRoot.FLOAT,
          LogicalTypeRoot.DOUBLE,
          LogicalTypeRoot.DECIMAL,
          LogicalTypeRoot.CHAR,
          LogicalTypeRoot.VARCHAR,
          LogicalTypeRoot.BINARY,
          LogicalTypeRoot.VARBINARY,
          LogicalTypeRoot.DATE,
          LogicalTypeRoot.TIME_WITHOUT_TIME_ZONE,
          LogicalTypeRoot.TIMESTAMP_WITHOUT_TIME_ZONE,
          LogicalTypeRoot.TIMESTAMP_WITH_LOCAL_TIME_ZONE,
          LogicalTypeRoot.ARRAY,
          LogicalTypeRoot.MAP,
          LogicalTypeRoot.MULTISET,
          LogicalTypeRoot.ROW);

  private static LogicalType firstUnsupported(LogicalType type) {
    if (!WIRE_TYPES.contains(type.getTypeRoot())) {
      return type;
    }
    for (LogicalType child : type.getChildren()) {
      LogicalType unsupported = firstUnsupported(child);
      if (unsupported != null) {
        return unsupported;
      }
    }
    return null;
  }

  private static ValidationException broken(String where, String what) {
    return new ValidationException(
        where + " " + what + "; rebuild the UDF project with the shim plugin to regenerate it.");
  }

  private static String text(Path path) {
    try {
      if (path.getFileName() != null && path.getFileName().toString().endsWith(".zip")) {
        try (ZipFile zip = new ZipFile(path.toFile())) {
          ZipEntry entry = zip.getEntry(ZIP_ENTRY);
          if (entry == null) {
            throw new ValidationException(
                path
                    + " has no "
                    + ZIP_ENTRY
                    + " at its root, so it is not a shim zip; use the"
                    + " <artifact>-shim.zip that `mvn package` wrote.");
          }
          try (InputStream in = zip.getInputStream(entry)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
          }
        }
      }
      return Files.readString(path, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new ValidationException(
          "The signatures file "
              + path
              + " does not exist; point 'signatures' at the target/shim/signatures.json that `mvn"
              + " package` wrote, or at the shim zip.");
    } catch (IOException e) {
      throw new ValidationException("Cannot read the signatures file " + path + ": " + e, e);
    }
  }
}
