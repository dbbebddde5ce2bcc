package dev.udfshim.runtime.execution;

import dev.udfshim.protocol.config.ConfigKeys;
import dev.udfshim.protocol.framing.ControlFrames;
import dev.udfshim.protocol.spec.SpecCodec;
import dev.udfshim.protocol.spec.SpecException;
import dev.udfshim.protocol.spec.UdfSpec;
import dev.udfshim.runtime.config.Settings;
import dev.udfshim.runtime.handler.AsyncHandler;
import dev.udfshim.runtime.handler.Call;
import dev.udfshim.runtime.handler.Context;
import dev.udfshim.runtime.handler.HandlerException;
import dev.udfshim.runtime.handler.Reply;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The execution handler: runs the UDF named by config var {@value ConfigKeys#SPEC_VAR} on one
 * binary argument tuple per request, or with {@code shim.execution.batch=true} on a row count and
 * that many tuples, or on a batch control frame; it answers the describe control frame itself
 * ({@link ControlFrameAnswers}), and the binary result (protocol section 5; table functions: an
 * int32 row count, then each row). Calls run on the instances' own threads under time limits
 * ({@link EvalPool}); its settings are declared in {@link
 * dev.udfshim.runtime.config.ExecutionOptions}.
 */
public final class ExecutionHandler implements AsyncHandler {

  private static final Logger LOG = LoggerFactory.getLogger(ExecutionHandler.class);

  private volatile EvalPool pool;
  private volatile ControlFrameAnswers control;

  @Override
  public void open(Context context) throws HandlerException {
    String text =
        context
            .getConfigValue(ConfigKeys.SPEC_VAR)
            .orElseThrow(
                () ->
                    new HandlerException(
                        "Config var "
                            + ConfigKeys.SPEC_VAR
                            + " is not set; write the output of `gen-spec` into the file "
                            + ConfigKeys.SPEC_VAR
                            + " of the config override dir."));
    long started = System.nanoTime();
    UdfSpec spec;
    Binding binding;
    try {
      spec = SpecCodec.fromBase64(text);
      ClassLoader loader = Thread.currentThread().getContextClassLoader();
      binding = Binding.of(spec, loader != null ? loader : getClass().getClassLoader());
    } catch (SpecException | BindingException e) {
      throw new HandlerException(e.getMessage(), e);
    }
    ExecutionSettings settings =
        ExecutionSettings.read(new Settings(context, spec.configuration()));
    ClassLoader loader = binding.udf().type().getClassLoader();
    Map<String, String> jobParameters = JobParameters.from(context);
    // Extraction already built one instance to learn the types: it becomes the first to serve.
    UdfInstance first =
        UdfInstance.open(binding, settings, loader, jobParameters, binding.udf().probe());
    LOG.info(
        "Executing {}{} with {} instance(s){}; instance #1 ready in {} ms",
        spec.className(),
        spec.describeSignature(),
        settings.parallelism(),
        settings.batch() ? ", batches of up to " + settings.batchMaxRows() + " rows" : "",
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    control = new ControlFrameAnswers(binding, settings);
    pool = new EvalPool(binding, settings, loader, jobParameters, context, first);
  }

  @Override
  public void submit(byte[] payload, Call call, Reply reply) {
    EvalPool current = pool;
    if (current == null) {
      reply.fail("The execution handler is not open.");
      return;
    }
    if (ControlFrames.isControl(payload) && control.answered(payload, reply)) {
      return;
    }
    current.submit(payload, call, reply);
  }

  @Override
  public boolean close(Context context, Duration limit) {
    EvalPool current = pool;
    return current == null || current.close(limit);
  }
}
