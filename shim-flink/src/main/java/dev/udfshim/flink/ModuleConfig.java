package dev.udfshim.flink;

import dev.udfshim.flink.client.CallSettings;
import dev.udfshim.flink.client.Endpoints;
import dev.udfshim.flink.client.Security;
import dev.udfshim.flink.function.AsyncScalarDefect;
import dev.udfshim.flink.function.ClientSettings;
import dev.udfshim.flink.function.ShimFunctionDefinition;
import dev.udfshim.flink.signatures.ShimUdf;
import dev.udfshim.flink.wiring.UnwiredFunction;
import dev.udfshim.protocol.module.LoadModule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.table.api.ValidationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the module's options into function definitions: reads the signatures, binds endpoints,
 * names the functions and checks every option, each problem one sentence.
 */
final class ModuleConfig {
  private static final Logger LOG = LoggerFactory.getLogger(ModuleConfig.class);

  private ModuleConfig() {}

  /**
   * The module's functions: those with at least one served signature, and those without any, which
   * answer a query that calls them with the endpoint entry to add.
   */
  record Functions(List<ShimFunctionDefinition> served, List<UnwiredFunction> unwired) {}

  static Functions functions(ReadableConfig options, ClassLoader loader) {
    Map<String, ShimUdf> udfs =
        udfs(
            required(
                options,
                ShimOptions.SIGNATURES,
                "the signatures.json that `mvn package` wrote (target/shim/signatures.json) or"
                    + " the shim zip"),
            loader);
    Map<String, Map<Integer, Endpoints>> endpoints =
        endpoints(
            required(
                options,
                ShimOptions.ENDPOINTS,
                "where each signature is served, e.g. com.example.udfs.AddOne/0=localhost:50051"),
            udfs);
    Map<String, String> names = names(options.get(ShimOptions.FUNCTION_NAMES), udfs);
    ClientSettings settings = settings(options);

    List<ShimFunctionDefinition> functions = new ArrayList<>();
    List<UnwiredFunction> unwired = new ArrayList<>();
    Map<String, String> taken = new HashMap<>();
    for (ShimUdf udf : udfs.values()) {
      Map<Integer, Endpoints> served = endpoints.get(udf.className());
      String name = names.getOrDefault(udf.className(), udf.simpleName());
      if (served == null) {
        if (!taken.containsKey(name.toLowerCase(Locale.ROOT))) {
          unwired.add(new UnwiredFunction(name, udf));
        }
        continue;
      }
      String other = taken.put(name.toLowerCase(Locale.ROOT), udf.className());
      if (other != null) {
        throw new ValidationException(
            "Two functions would be named "
                + name
                + " ("
                + other
                + " and "
                + udf.className()
                + "); name one differently, e.g. 'function-names' = '"
                + udf.className()
                + "=my_"
                + name.toLowerCase(Locale.ROOT)
                + "'.");
      }
      functions.add(new ShimFunctionDefinition(name, udf, served, settings));
    }
    // A served function wins a name over one without servers.
    unwired.removeIf(u -> taken.containsKey(u.name().toLowerCase(Locale.ROOT)));
    return new Functions(functions, unwired);
  }

  private static List<String> required(
      ReadableConfig options, ConfigOption<List<String>> option, String what) {
    List<String> values = options.getOptional(option).orElse(List.of());
    List<String> entries = values.stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
    if (entries.isEmpty()) {
      throw new ValidationException("The shim module needs '" + option.key() + "': " + what + ".");
    }
    return entries;
  }

  private static Map<String, ShimUdf> udfs(List<String> files, ClassLoader loader) {
    Map<String, ShimUdf> udfs = new LinkedHashMap<>();
    for (String file : files) {
      for (ShimUdf udf : ShimUdf.read(Path.of(file), loader)) {
        ShimUdf other = udfs.put(udf.className(), udf);
        if (other != null) {
          throw new ValidationException(
              udf.className()
                  + " is in both "
                  + other.source()
                  + " and "
                  + udf.source()
                  + "; list each artifact's signatures once in 'signatures'.");
        }
      }
    }
    return udfs;
  }

  private static Map<String, Map<Integer, Endpoints>> endpoints(
      List<String> entries, Map<String, ShimUdf> udfs) {
    Map<String, Map<Integer, Endpoints>> endpoints = new HashMap<>();
    for (String entry : entries) {
      int equals = entry.indexOf('=');
      if (equals <= 0) {
        throw new ValidationException(
            "'endpoints' entry '"
                + entry
                + "' is not <class>/<n>=<host>:<port>; write e.g."
                + " com.example.udfs.AddOne/0=localhost:50051.");
      }
      String key = entry.substring(0, equals).strip();
      int slash = key.lastIndexOf('/');
      String className = slash < 0 ? key : key.substring(0, slash);
      ShimUdf udf = udfs.get(className);
      if (udf == null) {
        throw new ValidationException(
            "'endpoints' names "
                + className
                + ", which the signatures do not list; "
                + nearest(className, udfs)
                + ".");
      }
      int index;
      if (slash < 0) {
        if (udf.signatures().size() != 1) {
          throw new ValidationException(
              "'endpoints' entry '"
                  + entry
                  + "' needs a signature: "
                  + className
                  + " has "
                  + udf.signatures().size()
                  + " ("
                  + describe(udf)
                  + "), each served by its own server; write "
                  + className
                  + "/<n>=<host>:<port>.");
        }
        index = 0;
      } else {
        index = signatureIndex(entry, key.substring(slash + 1), udf);
      }
      Endpoints endpoint;
      try {
        endpoint = Endpoints.parse(entry.substring(equals + 1));
      } catch (IllegalArgumentException e) {
        throw new ValidationException("'endpoints' entry '" + entry + "': " + e.getMessage() + ".");
      }
      Endpoints before =
          endpoints.computeIfAbsent(className, c -> new TreeMap<>()).put(index, endpoint);
      if (before != null) {
        throw new ValidationException(
            "'endpoints' binds " + className + "/" + index + " twice; keep one entry.");
      }
    }
    return endpoints;
  }

  /** "did you mean X" for a class of the same simple name or letters, else the classes listed. */
  private static String nearest(String className, Map<String, ShimUdf> udfs) {
    String simple = className.substring(className.lastIndexOf('.') + 1);
    for (ShimUdf udf : udfs.values()) {
      if (udf.simpleName().equalsIgnoreCase(simple)
          || udf.className().equalsIgnoreCase(className)) {
        return "did you mean " + udf.className() + "?";
      }
    }
    return "they list " + String.join(", ", udfs.keySet());
  }

  private static int signatureIndex(String entry, String text, ShimUdf udf) {
    int index;
    try {
      index = Integer.parseInt(text.strip());
    } catch (NumberFormatException e) {
      index = -1;
    }
    if (index < 0 || index >= udf.signatures().size()) {
      throw new ValidationException(
          "'endpoints' entry '"
              + entry
              + "' names signature "
              + text
              + " of "
              + udf.className()
              + ", which has signatures 0 to "
              + (udf.signatures().size() - 1)
              + " ("
              + describe(udf)
              + ").");
    }
    return index;
  }

  private static String describe(ShimUdf udf) {
    List<String> parts = new ArrayList<>();
    udf.signatures().forEach(s -> parts.add(s.index() + ": " + s.describe()));
    return String.join("; ", parts);
  }

  private static Map<String, String> names(List<String> entries, Map<String, ShimUdf> udfs) {
    Map<String, String> names = new HashMap<>();
    for (String raw : entries) {
      String entry = raw.strip();
      if (entry.isEmpty()) {
        continue;
      }
      int equals = entry.indexOf('=');
      String className = equals < 0 ? "" : entry.substring(0, equals).strip();
      String name = equals < 0 ? "" : entry.substring(equals + 1).strip();
      if (className.isEmpty() || name.isEmpty()) {
        throw new ValidationException(
            "'function-names' entry '"
                + entry
                + "' is not <class>=<name>; write e.g. com.example.udfs.AddOne=add_one.");
      }
      if (!udfs.containsKey(className)) {
        throw new ValidationException(
            "'function-names' names "
                + className
                + ", which the signatures do not list; they list "
                + String.join(", ", udfs.keySet())
                + ".");
      }
      if (names.put(className, name) != null) {
        throw new ValidationException(
            "'function-names' names " + className + " twice; keep one entry.");
      }
    }
    return names;
  }

  static ClientSettings settings(ReadableConfig options) {
    int batchSize = options.getOptional(ShimOptions.BATCH_SIZE).orElse(0);
    if (options.getOptional(ShimOptions.BATCH_SIZE).isPresent() && batchSize < 1) {
      throw new ValidationException("'batch.size' is " + batchSize + "; use 1 or more.");
    }
    int inFlight = atLeast(options, ShimOptions.ASYNC_MAX_IN_FLIGHT, 1);
    int attempts = atLeast(options, ShimOptions.RETRY_MAX_ATTEMPTS, 1);
    int cacheSize = atLeast(options, ShimOptions.CACHE_SIZE, 0);
    if (attempts > 10) {
      throw new ValidationException(
          "'retry.max-attempts' is " + attempts + "; use 1 (no retry) to 10.");
    }
    Duration maxWait = options.getOptional(ShimOptions.BATCH_MAX_WAIT).orElse(null);
    if (maxWait != null && maxWait.isNegative()) {
      throw new ValidationException("'batch.max-wait' is negative; use 0 or more, e.g. 100 ms.");
    }
    Duration timeout = positive(options, ShimOptions.CALL_TIMEOUT);
    Duration initial = positive(options, ShimOptions.RETRY_INITIAL_BACKOFF);
    Duration max = positive(options, ShimOptions.RETRY_MAX_BACKOFF);
    if (initial.compareTo(max) > 0) {
      throw new ValidationException(
          "'retry.initial-backoff' ("
              + initial.toMillis()
              + " ms) is longer than 'retry.max-backoff' ("
              + max.toMillis()
              + " ms); make it at most as long.");
    }
    return new ClientSettings(
        async(options.get(ShimOptions.SCALAR_MODE)),
        asyncTables(options.get(ShimOptions.TABLE_MODE)),
        options.get(ShimOptions.BATCH_ENABLED),
        batchSize,
        maxWait,
        inFlight,
        new CallSettings(timeout, attempts, initial, max, security(options)),
        cacheSize);
  }

  /**
   * Whether scalar functions run as Flink's async scalar functions: ASYNC only where Flink keeps
   * their NULLs ({@link AsyncScalarDefect}), ASYNC_UNSAFE_NULLS anywhere, with a warning.
   */
  private static boolean async(ShimOptions.ScalarMode mode) {
    String version = AsyncScalarDefect.flinkVersion();
    switch (mode) {
      case ASYNC -> {
        if (AsyncScalarDefect.affects(version)) {
          throw new ValidationException(AsyncScalarDefect.refusal(version));
        }
        return true;
      }
      case ASYNC_UNSAFE_NULLS -> {
        if (AsyncScalarDefect.affects(version)) {
          LOG.warn(AsyncScalarDefect.warning(version));
        }
        return true;
      }
      default -> {
        return false;
      }
    }
  }

  /** Whether table functions run as Flink's async table functions: 2.2 and later only. */
  private static boolean asyncTables(ShimOptions.TableMode mode) {
    if (mode != ShimOptions.TableMode.ASYNC) {
      return false;
    }
    String version = AsyncScalarDefect.flinkVersion();
    if (!AsyncScalarDefect.asyncTablesExact(version)) {
      throw new ValidationException(AsyncScalarDefect.asyncTablesRefusal(version));
    }
    return true;
  }

  /** TLS and the token: files must be readable here, where the module is loaded, already. */
  static Security security(ReadableConfig options) {
    String ca = file(options, ShimOptions.TLS_CA_FILE);
    String cert = file(options, ShimOptions.TLS_CERT_FILE);
    String key = file(options, ShimOptions.TLS_KEY_FILE);
    String authority = options.getOptional(ShimOptions.TLS_AUTHORITY).orElse(null);
    String tokenFile = file(options, ShimOptions.AUTH_TOKEN_FILE);
    String token = options.getOptional(ShimOptions.AUTH_TOKEN).map(String::strip).orElse(null);
    if ((cert == null) != (key == null)) {
      throw new ValidationException(
          "'"
              + LoadModule.TLS_CERT_FILE
              + "' and '"
              + LoadModule.TLS_KEY_FILE
              + "' go together (the client certificate and its key); set both or neither.");
    }
    if (token != null && tokenFile != null) {
      throw new ValidationException(
          "Both '"
              + LoadModule.TOKEN
              + "' and '"
              + LoadModule.TOKEN_FILE
              + "' are set; keep one (the file is safer).");
    }
    if (token != null && token.isEmpty()) {
      throw new ValidationException(
          "'" + LoadModule.TOKEN + "' is empty; set the token or drop it.");
    }
    boolean tls =
        options.get(ShimOptions.TLS_ENABLED) || ca != null || cert != null || authority != null;
    return new Security(tls, ca, cert, key, authority, tokenFile, token);
  }

  private static String file(ReadableConfig options, ConfigOption<String> option) {
    String value = options.getOptional(option).map(String::strip).orElse(null);
    if (value == null || value.isEmpty()) {
      return null;
    }
    Path path = Path.of(value).toAbsolutePath();
    if (!Files.isReadable(path)) {
      throw new ValidationException(
          "'" + option.key() + "' names " + path + ", which is not a readable file; correct it.");
    }
    return path.toString();
  }

  private static int atLeast(ReadableConfig options, ConfigOption<Integer> option, int min) {
    int value = options.get(option);
    if (value < min) {
      throw new ValidationException(
          "'" + option.key() + "' is " + value + "; use " + min + " or more.");
    }
    return value;
  }

  private static Duration positive(ReadableConfig options, ConfigOption<Duration> option) {
    Duration value = options.get(option);
    if (value.isZero() || value.isNegative()) {
      throw new ValidationException(
          "'" + option.key() + "' is " + value.toMillis() + " ms; use a positive duration.");
    }
    return value;
  }
}
