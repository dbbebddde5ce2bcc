package dev.udfshim.runtime.server;

import dev.udfshim.runtime.logging.LogText;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether a host can serve: only once its handler is open and while the handler says it can take
 * calls. Each change is logged once and passed to the listener (the server's health service).
 */
final class HostHealth {
  /** The host's health lines, under the host's name as ever. */
  private static final Logger LOG = LoggerFactory.getLogger(HandlerHost.class);

  private volatile boolean handlerServing = true;
  private volatile String handlerReason = "";
  private volatile BiConsumer<Boolean, String> listener = (serving, reason) -> {};
  private Boolean lastServing;

  void onChange(BiConsumer<Boolean, String> listener) {
    this.listener = listener;
  }

  /** What the handler reported of itself; it counts only while the host is open. */
  void handlerReported(boolean serving, String reason) {
    handlerServing = serving;
    handlerReason = reason;
  }

  /**
   * Why a host that is not open cannot serve.
   *
   * @param routine whether every start or stop passes through it (opening, shutting down): logged
   *     at INFO, since only a fault is worth a WARN
   */
  record NotOpen(String reason, boolean routine) {}

  /**
   * Reports a change, if any.
   *
   * @param whyNotOpen why the host cannot serve whatever the handler says, or null when it is open;
   *     asked once per update, in order with other updates
   */
  void update(Supplier<NotOpen> whyNotOpen) {
    boolean serving;
    boolean routine;
    String reason;
    synchronized (this) {
      NotOpen notOpen = whyNotOpen.get();
      serving = notOpen == null && handlerServing;
      reason = notOpen == null ? handlerReason : notOpen.reason();
      routine = notOpen != null && notOpen.routine();
      if (lastServing != null && lastServing == serving) {
        return;
      }
      lastServing = serving;
    }
    if (serving) {
      LOG.info("Health: SERVING ({})", LogText.safe(reason));
    } else if (routine) {
      LOG.info("Health: NOT_SERVING: {}", LogText.safe(reason));
    } else {
      LOG.warn("Health: NOT_SERVING: {}", LogText.safe(reason));
    }
    listener.accept(serving, reason);
  }
}
