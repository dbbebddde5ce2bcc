package dev.udfshim.flink;

import dev.udfshim.flink.client.Endpoints;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.table.api.TableEnvironment;

/**
 * Registers remote UDFs in a {@link TableEnvironment}, the Table API form of {@code LOAD MODULE
 * shim WITH (...)} with the same options:
 *
 * <pre>{@code
 * ShimFunctions.builder()
 *     .signatures(Path.of("target/shim/signatures.json"))
 *     .endpoint("com.example.udfs.AddOne", 0, "localhost:50051")
 *     .register(tableEnv);
 * tableEnv.executeSql("SELECT AddOne(a, b) FROM t");
 * }</pre>
 */
public final class ShimFunctions {
  private ShimFunctions() {}

  public static Builder builder() {
    return new Builder();
  }

  /** Collects the module's options; {@link #register} loads it. */
  public static final class Builder {
    private final Configuration options = new Configuration();
    private final List<String> signatures = new ArrayList<>();
    private final List<String> endpoints = new ArrayList<>();
    private final List<String> names = new ArrayList<>();
    private String moduleName = ShimModuleFactory.IDENTIFIER;

    private Builder() {}

    /** signatures.json files or shim zips ('signatures'). */
    public Builder signatures(Path... files) {
      for (Path file : files) {
        signatures.add(file.toString());
      }
      return this;
    }

    /**
     * The servers of one signature ('endpoints'): {@code host:port}, several separated by {@code
     * ,}, or {@code dns:///name:port}.
     */
    public Builder endpoint(String className, int signature, String hostPort) {
      Endpoints.parse(hostPort);
      endpoints.add(className + "/" + signature + "=" + hostPort);
      return this;
    }

    /** The SQL name of a function ('function-names'); by default its simple class name. */
    public Builder name(String className, String sqlName) {
      names.add(className + "=" + sqlName);
      return this;
    }

    /** Any other option of {@link ShimOptions}. */
    public <T> Builder option(ConfigOption<T> option, T value) {
      options.set(option, value);
      return this;
    }

    /** The name the module is loaded under; {@code shim} by default. */
    public Builder moduleName(String name) {
      this.moduleName = name;
      return this;
    }

    /** The module, for {@link TableEnvironment#loadModule} by hand. */
    public ShimModule build() {
      Configuration all = new Configuration(options);
      all.set(ShimOptions.SIGNATURES, List.copyOf(signatures));
      all.set(ShimOptions.ENDPOINTS, List.copyOf(endpoints));
      all.set(ShimOptions.FUNCTION_NAMES, List.copyOf(names));
      return ShimModule.create(all, ShimFunctions.class.getClassLoader());
    }

    /**
     * Loads the module into the environment: its functions resolve after Flink's built-in ones
     * ({@code useModules} changes the order).
     */
    public ShimModule register(TableEnvironment tableEnv) {
      ShimModule module = build();
      tableEnv.loadModule(moduleName, module);
      return module;
    }
  }
}
