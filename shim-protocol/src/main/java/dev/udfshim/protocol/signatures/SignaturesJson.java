package dev.udfshim.protocol.signatures;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import dev.udfshim.protocol.UdfKind;
import dev.udfshim.protocol.codec.WireTypes;
import dev.udfshim.protocol.layout.ShimLayout;
import dev.udfshim.protocol.signatures.Signatures.Failure;
import dev.udfshim.protocol.signatures.Signatures.Function;
import dev.udfshim.protocol.signatures.Signatures.Signature;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.utils.LogicalTypeParser;

/**
 * The one reader and writer of signatures.json. The reader checks what a user of the file relies on
 * (classes, kinds, signature positions, argument names per type, types Flink parses and the wire
 * carries) and refuses anything else with a {@link SignaturesException}.
 */
public final class SignaturesJson {
  private static final Gson GSON =
      new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

  // The JSON as written, with every field optional, so a missing one is told from a default.
  private record FileJson(String shimVersion, List<FunctionJson> functions, List<Failure> errors) {}

  private record FunctionJson(
      String className, String kind, Boolean deterministic, List<SignatureJson> signatures) {}

  private record SignatureJson(
      Integer index,
      List<String> argumentNames,
      List<String> argumentTypes,
      String returnType,
      List<Boolean> argumentOptional) {}

  private SignaturesJson() {}

  /**
   * The file's text: pretty-printed, characters as they are; {@code argumentOptional} only where an
   * argument is optional.
   */
  public static String write(Signatures signatures) {
    JsonElement tree = GSON.toJsonTree(signatures);
    for (JsonElement function : tree.getAsJsonObject().getAsJsonArray("functions")) {
      for (JsonElement signature : function.getAsJsonObject().getAsJsonArray("signatures")) {
        JsonObject object = signature.getAsJsonObject();
        if (object.getAsJsonArray(OPTIONAL).isEmpty()) {
          object.remove(OPTIONAL);
        }
      }
    }
    return GSON.toJson(tree);
  }

  private static final String OPTIONAL = "argumentOptional";

  /**
   * The signatures.json at {@code path}, or the one at the root of the shim zip at {@code path}.
   *
   * @param loader resolves the class names some types hold
   * @throws java.nio.file.NoSuchFileException when nothing is at {@code path}
   */
  public static Signatures read(Path path, ClassLoader loader) throws IOException {
    return parse(text(path), path.toString(), loader);
  }

  /** The signatures.json of this text; {@code source} names it in messages. */
  public static Signatures parse(String json, String source, ClassLoader loader) {
    FileJson file;
    try {
      file = GSON.fromJson(json, FileJson.class);
    } catch (JsonParseException e) {
      throw new SignaturesException(
          source
              + " is not a "
              + ShimLayout.SIGNATURES
              + " ("
              + e.getMessage()
              + "); use the one `mvn package` wrote into target/shim/ or the shim zip.");
    }
    if (file == null || file.functions() == null) {
      throw new SignaturesException(
          source
              + " has no \"functions\" list, so it is not a "
              + ShimLayout.SIGNATURES
              + "; use the one `mvn package` wrote into target/shim/ or the shim zip.");
    }
    List<Function> functions = new ArrayList<>();
    for (int f = 0; f < file.functions().size(); f++) {
      functions.add(function(file.functions().get(f), f, source, loader));
    }
    List<Failure> errors = file.errors() == null ? List.of() : file.errors();
    return new Signatures(file.shimVersion(), functions, errors);
  }

  private static Function function(
      FunctionJson json, int position, String source, ClassLoader loader) {
    String where = source + ", function " + (position + 1);
    if (json == null || json.className() == null || json.className().isBlank()) {
      throw broken(where, "has no className");
    }
    where = source + ", " + json.className();
    if (Arrays.stream(UdfKind.values()).noneMatch(kind -> kind.name().equals(json.kind()))) {
      throw broken(where, "has kind " + json.kind() + ", not SCALAR or TABLE");
    }
    if (json.signatures() == null || json.signatures().isEmpty()) {
      throw broken(where, "has no signatures");
    }
    List<Signature> signatures = new ArrayList<>();
    for (int s = 0; s < json.signatures().size(); s++) {
      signatures.add(signature(json.signatures().get(s), s, where, loader));
    }
    return new Function(
        json.className(),
        json.kind(),
        json.deterministic() == null || json.deterministic(),
        signatures);
  }

  private static Signature signature(
      SignatureJson json, int position, String where, ClassLoader loader) {
    String at = where + " signature " + position;
    if (json == null || json.argumentTypes() == null || json.returnType() == null) {
      throw broken(at, "lacks argumentTypes or returnType");
    }
    if (json.index() != null && json.index() != position) {
      throw broken(at, "has index " + json.index() + " at position " + position);
    }
    for (String type : json.argumentTypes()) {
      checkType(type, at, loader);
    }
    List<String> names = json.argumentNames() == null ? List.of() : json.argumentNames();
    if (!names.isEmpty() && names.size() != json.argumentTypes().size()) {
      throw broken(
          at,
          "has " + names.size() + " argument names for " + json.argumentTypes().size() + " types");
    }
    checkType(json.returnType(), at, loader);
    List<Boolean> optional = json.argumentOptional() == null ? List.of() : json.argumentOptional();
    if (!optional.isEmpty() && optional.size() != json.argumentTypes().size()) {
      throw broken(
          at,
          "has "
              + optional.size()
              + " argumentOptional flags for "
              + json.argumentTypes().size()
              + " types");
    }
    return new Signature(position, names, json.argumentTypes(), json.returnType(), optional);
  }

  private static void checkType(String text, String at, ClassLoader loader) {
    LogicalType type;
    try {
      type = LogicalTypeParser.parse(text, loader);
    } catch (RuntimeException e) {
      throw broken(
          at, "has type '" + text + "', which Flink cannot parse (" + e.getMessage() + ")");
    }
    Optional<LogicalType> unsupported = WireTypes.firstUnsupported(type);
    if (unsupported.isPresent()) {
      throw broken(
          at,
          "has type '"
              + text
              + "', and "
              + unsupported.get().asSummaryString()
              + " cannot cross the wire (docs/protocol.md, Values)");
    }
  }

  private static SignaturesException broken(String where, String what) {
    return new SignaturesException(
        where + " " + what + "; rebuild the UDF project with the shim plugin to regenerate it.");
  }

  private static String text(Path path) throws IOException {
    if (path.getFileName() != null && path.getFileName().toString().endsWith(".zip")) {
      try (ZipFile zip = new ZipFile(path.toFile())) {
        ZipEntry entry = zip.getEntry(ShimLayout.SIGNATURES);
        if (entry == null) {
          throw new SignaturesException(
              path
                  + " has no "
                  + ShimLayout.SIGNATURES
                  + " at its root, so it is not a shim zip; use the <artifact>-shim.zip that `mvn"
                  + " package` wrote.");
        }
        try (InputStream in = zip.getInputStream(entry)) {
          return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
      }
    }
    return Files.readString(path, StandardCharsets.UTF_8);
  }
}
