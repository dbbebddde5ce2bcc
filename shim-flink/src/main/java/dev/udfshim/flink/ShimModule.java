package dev.udfshim.flink;

import dev.udfshim.flink.function.ShimFunctionDefinition;
import dev.udfshim.flink.wiring.UnwiredFunction;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.table.functions.FunctionDefinition;
import org.apache.flink.table.module.Module;

/**
 * The remote UDFs of one or more shim artifacts as a Flink module: each function is resolved by
 * name (case-insensitively, as Flink resolves functions) and served by its signatures' servers.
 */
public final class ShimModule implements Module {
  private final Map<String, FunctionDefinition> byName;
  private final Set<String> names;
  private final Set<String> withHidden;

  ShimModule(List<ShimFunctionDefinition> functions) {
    this(functions, List.of());
  }

  /**
   * @param unwired functions of the signatures without any endpoint: hidden (SHOW FUNCTIONS leaves
   *     them out), and answering a call with the endpoint entry to add (instead of the planner's
   *     "No match found")
   */
  ShimModule(List<ShimFunctionDefinition> functions, List<UnwiredFunction> unwired) {
    Map<String, FunctionDefinition> map = new LinkedHashMap<>();
    Set<String> list = new LinkedHashSet<>();
    for (ShimFunctionDefinition function : functions) {
      map.put(function.name().toLowerCase(Locale.ROOT), function);
      list.add(function.name());
    }
    Set<String> hidden = new LinkedHashSet<>(list);
    for (UnwiredFunction function : unwired) {
      if (map.putIfAbsent(function.name().toLowerCase(Locale.ROOT), function) == null) {
        hidden.add(function.name());
      }
    }
    this.byName = Collections.unmodifiableMap(map);
    this.names = Collections.unmodifiableSet(list);
    this.withHidden = Collections.unmodifiableSet(hidden);
  }

  /**
   * The module the options describe.
   *
   * @param loader resolves types of the signatures
   * @throws org.apache.flink.table.api.ValidationException with a sentence on bad options
   */
  public static ShimModule create(ReadableConfig options, ClassLoader loader) {
    ModuleConfig.Functions functions = ModuleConfig.functions(options, loader);
    return new ShimModule(functions.served(), functions.unwired());
  }

  @Override
  public Set<String> listFunctions() {
    return names;
  }

  /** Flink resolves a name only among these: the functions without servers are hidden ones. */
  @Override
  public Set<String> listFunctions(boolean includeHiddenFunctions) {
    return includeHiddenFunctions ? withHidden : names;
  }

  @Override
  public Optional<FunctionDefinition> getFunctionDefinition(String name) {
    return Optional.ofNullable(byName.get(name.toLowerCase(Locale.ROOT)));
  }
}
