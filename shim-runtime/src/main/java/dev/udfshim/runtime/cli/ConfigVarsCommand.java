package dev.udfshim.runtime.cli;

import dev.udfshim.protocol.config.ConfigKeys;
import dev.udfshim.runtime.config.ConfigOption;
import dev.udfshim.runtime.config.ExecutionOptions;
import dev.udfshim.runtime.config.ExtractionOptions;
import dev.udfshim.runtime.config.LogOptions;
import dev.udfshim.runtime.config.ServerOptions;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The config-var reference, rendered from the declarations: every {@link ConfigOption} constant of
 * the option groups, in the order they are declared, between the spec var and the job parameters.
 * docs/config-vars.md is this text (a test keeps it so).
 */
@Command(
    name = "config-vars",
    mixinStandardHelpOptions = true,
    description = {
      "Prints every config var the handlers read, with the handlers, type, default, range and"
          + " meaning of each (Markdown; docs/config-vars.md holds the same)."
    })
final class ConfigVarsCommand implements Callable<Integer> {
  /** The groups, in the order the reference lists them. */
  static final List<Class<?>> GROUPS =
      List.of(
          ExecutionOptions.class, ServerOptions.class, ExtractionOptions.class, LogOptions.class);

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().getOut().print(reference());
    return 0;
  }

  /** Every option the groups declare. */
  static List<ConfigOption<?>> options() {
    List<ConfigOption<?>> options = new ArrayList<>();
    for (Class<?> group : GROUPS) {
      for (Field field : group.getDeclaredFields()) {
        int modifiers = field.getModifiers();
        if (field.getType() == ConfigOption.class
            && Modifier.isPublic(modifiers)
            && Modifier.isStatic(modifiers)) {
          try {
            options.add((ConfigOption<?>) field.get(null));
          } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
          }
        }
      }
    }
    return options;
  }

  static String reference() {
    StringBuilder out = new StringBuilder();
    out.append(
            """
            A handler's config vars are the files of its config override dir (`bin/shim serve \
            --config_override_dir DIR`): the value of var `K` is the content of the file `DIR/K`, \
            without surrounding whitespace. Each var is declared once in the runtime (key, type, \
            default, range, meaning) and read by one rule:

            - A duration is written in Flink's syntax: `500 ms`, `30 s`, `1 min`, `2 h`, `1 d` (a \
            bare number is milliseconds). A whole number may hold `_` (`1_000`).
            - A value that is malformed, out of its range or too large is refused with one sentence \
            naming the var, e.g. `Config var shim.execution.batch.max.rows must be a whole number \
            from 1 to 1000000, not '0'; correct or remove it.` It is never clamped, wrapped or \
            replaced by the default. The server's own vars (`shim.server.*`, `shim.shutdown.*`, \
            `shim.log.format`) are read when it starts: `serve` then exits with code 1 and the \
            sentence on stderr. The handlers' vars are read when the handler opens: the server \
            keeps running, health says NOT_SERVING, and every call answers the sentence.
            - Where a var is not set, an older binary spec's own settings (the Java form of \
            `spec_base64` may carry some, e.g. the parallelism and the wait timeout) are used, \
            else the default.

            `handlers` says which handler reads a var; `both` means every handler, a handler \
            class of your own included.

            """)
        .append("| var | handlers | type | default | range | meaning |\n")
        .append("|---|---|---|---|---|---|\n")
        .append("| `")
        .append(ConfigKeys.SPEC_VAR)
        .append("` | execution | base64 text | required |  | The UDF spec, as `gen-spec` and")
        .append(" `mvn package` write it: the protobuf form or the older binary form. |\n");
    for (ConfigOption<?> option : options()) {
      row(out, option);
    }
    out.append("| any other var `K` | execution | text |  |  | A job parameter:")
        .append(" `FunctionContext#getJobParameter(\"K\", default)` answers the file's content")
        .append(" (one trailing line break removed), as the platform hands connection settings")
        .append(" to UDFs. The vars above are job parameters too. |\n");
    return out.toString();
  }

  /** The default in backticks; an empty text default (not set) as "none". */
  private static <T extends Comparable<? super T>> String defaultText(ConfigOption<T> option) {
    String text = option.format(option.defaultValue());
    return text.isEmpty() ? "none" : "`" + text + "`";
  }

  private static <T extends Comparable<? super T>> void row(
      StringBuilder out, ConfigOption<T> option) {
    out.append("| `")
        .append(option.key())
        .append("` | ")
        .append(option.handlers())
        .append(" | ")
        .append(option.typeName())
        .append(" | ")
        .append(defaultText(option))
        .append(" | ")
        .append(option.rangeText())
        .append(" | ")
        .append(option.description());
    for (String old : option.deprecatedKeys()) {
      out.append(" Also read under its old name `").append(old).append("`.");
    }
    out.append(" |\n");
  }
}
