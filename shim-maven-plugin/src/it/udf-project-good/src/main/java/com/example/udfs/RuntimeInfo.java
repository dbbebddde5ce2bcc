package com.example.udfs;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.table.functions.FunctionContext;
import org.apache.flink.table.functions.ScalarFunction;

/**
 * Where the UDF runs, for trying shim:run, shim:invoke and UdfTester. Asked for keys separated by
 * spaces, answers {@code key=value} for each, separated by {@code "; "}: {@code pid}, {@code cwd},
 * {@code created} (instances made in this JVM), {@code property:<name>}, {@code env:<name>}, {@code
 * job:<key>} (a job parameter, as the platform hands connection settings to UDFs).
 */
public class RuntimeInfo extends ScalarFunction {
  private static final AtomicInteger CREATED = new AtomicInteger();
  private transient FunctionContext context;

  public RuntimeInfo() {
    CREATED.incrementAndGet();
  }

  @Override
  public void open(FunctionContext context) {
    this.context = context;
  }

  public String eval(String keys) {
    if (keys == null) {
      return null;
    }
    List<String> answers = new ArrayList<>();
    for (String key : keys.trim().split("\\s+")) {
      answers.add(key + "=" + value(key));
    }
    return String.join("; ", answers);
  }

  private String value(String key) {
    int colon = key.indexOf(':');
    String name = colon < 0 ? "" : key.substring(colon + 1);
    switch (colon < 0 ? key : key.substring(0, colon)) {
      case "pid":
        return String.valueOf(ProcessHandle.current().pid());
      case "cwd":
        return System.getProperty("user.dir");
      case "created":
        return String.valueOf(CREATED.get());
      case "property":
        return System.getProperty(name);
      case "env":
        return System.getenv(name);
      case "job":
        return context.getJobParameter(name, "(not set)");
      default:
        throw new IllegalArgumentException(
            "ask for pid, cwd, created, property:<name>, env:<name> or job:<key>, not " + key);
    }
  }
}
