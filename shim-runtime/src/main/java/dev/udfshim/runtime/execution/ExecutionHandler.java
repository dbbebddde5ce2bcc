package dev.udfshim.runtime.execution;

import dev.udfshim.runtime.handler.Context;
import dev.udfshim.runtime.handler.Handler;
import dev.udfshim.runtime.handler.HandlerException;
import dev.udfshim.runtime.spec.SpecCodec;
import dev.udfshim.runtime.spec.SpecException;
import dev.udfshim.runtime.spec.UdfSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.util.TimeUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The execution handler: runs the UDF named by config var {@value #SPEC_VAR} on one binary argument
 * tuple per request and answers the binary result (protocol section 5; table functions: an int32
 * row count, then each row).
 */
public final class ExecutionHandler implements Handler {
  public static final String SPEC_VAR = "spec_base64";

  /** Config: how many UDF instances serve concurrent calls. */
  public static final String PARALLELISM = "confluent.remote-udf.adapter.parallelism";

  /** Config: how long a call waits for a free instance (Flink duration syntax, e.g. "1 min"). */
  public static final String WAIT_TIMEOUT = "confluent.remote-udf.adapter.handler.wait.timeout";

  private static final Logger LOG = LoggerFactory.getLogger(ExecutionHandler.class);

  private volatile InstancePool pool;

  @Override
  public void open(Context context) throws HandlerException {
    String text =
        context
            .getConfigValue(SPEC_VAR)
            .orElseThrow(
                () ->
                    new HandlerException(
                        "Config var "
                            + SPEC_VAR
                            + " is not set; write the output of `gen-spec` into the file "
                            + SPEC_VAR
                            + " of the config override dir."));
    UdfSpec spec;
    Binding binding;
    try {
      spec = SpecCodec.fromBase64(text);
      ClassLoader loader = Thread.currentThread().getContextClassLoader();
      binding = Binding.of(spec, loader != null ? loader : getClass().getClassLoader());
    } catch (SpecException | BindingException e) {
      throw new HandlerException(e.getMessage(), e);
    }
    int parallelism = parallelism(setting(context, spec, PARALLELISM, "1"));
    Duration waitTimeout = duration(setting(context, spec, WAIT_TIMEOUT, "1 min"));
    ClassLoader loader = binding.udf().type().getClassLoader();
    Map<String, String> jobParameters = JobParameters.from(context);
    List<UdfInstance> instances = new ArrayList<>();
    try {
      for (int i = 0; i < parallelism; i++) {
        instances.add(UdfInstance.open(binding, loader, jobParameters));
      }
    } catch (HandlerException | RuntimeException e) {
      instances.forEach(UdfInstance::close);
      throw e;
    }
    pool = new InstancePool(instances, waitTimeout, spec.className());
    LOG.info(
        "Executing {}{} with {} instance(s)",
        spec.className(),
        spec.describeSignature(),
        parallelism);
  }

  /** A config var of the platform, else the older spec's own setting, else the default. */
  private static String setting(Context context, UdfSpec spec, String key, String fallback) {
    return context
        .getConfigValue(key)
        .map(String::strip)
        .orElse(spec.configuration().getOrDefault(key, fallback));
  }

  private static int parallelism(String value) throws HandlerException {
    try {
      int n = Integer.parseInt(value.strip());
      if (n >= 1 && n <= 1024) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new HandlerException(
        PARALLELISM + " must be a whole number from 1 to 1024, not '" + value + "'.");
  }

  private static Duration duration(String value) throws HandlerException {
    try {
      return TimeUtils.parseDuration(value.strip());
    } catch (RuntimeException e) {
      throw new HandlerException(
          WAIT_TIMEOUT + " must be a duration such as '1 min' or '500 ms', not '" + value + "'.");
    }
  }

  @Override
  public byte[] handleRequest(byte[] payload, Context context) throws HandlerException {
    return pool.call(payload);
  }

  @Override
  public void close(Context context) {
    InstancePool current = pool;
    if (current != null) {
      current.close();
    }
  }
}
