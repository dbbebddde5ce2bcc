package dev.udfshim.runtime.execution;

import dev.udfshim.protocol.framing.ControlFrames;
import dev.udfshim.runtime.handler.Reply;

/**
 * The execution handler's side of the control frames (docs/protocol.md, *Control frames*): it
 * answers describe itself, without a UDF instance, lets batch frames through to the pool, and
 * answers a frame it does not know with a sentence.
 */
final class ControlFrameAnswers {
  private final byte[] description;
  private final boolean legacyBatches;

  ControlFrameAnswers(Binding binding, ExecutionSettings settings) {
    this.legacyBatches = settings.batch();
    this.description =
        new ControlFrames.Description(
                ControlFrames.PROTOCOL_VERSION,
                "execution",
                binding.udf().type().getName(),
                binding.udf().signatures().indexOf(binding.signature()),
                binding.signature().argumentTypeStrings(),
                binding.signature().returnTypeString(),
                binding.udf().kind(),
                true,
                settings.batchMaxRows())
            .encode();
  }

  /**
   * Answers a control frame that is not for the pool.
   *
   * @return false for a batch frame, which the pool runs, and on a server with the legacy batch
   *     switch for any other first byte than describe's: there it begins a row count (far over any
   *     limit), and the batch reader's sentence says so as it always did
   */
  boolean answered(byte[] payload, Reply reply) {
    int kind = ControlFrames.kind(payload);
    if (kind == ControlFrames.BATCH || (legacyBatches && kind != ControlFrames.DESCRIBE)) {
      return false;
    }
    if (kind == ControlFrames.DESCRIBE && payload.length == 1) {
      reply.answer(description);
    } else if (kind == ControlFrames.DESCRIBE) {
      reply.fail("The describe frame is the one byte 0x02; send it alone.");
    } else {
      reply.fail(ControlFrames.unknown(kind));
    }
    return true;
  }
}
