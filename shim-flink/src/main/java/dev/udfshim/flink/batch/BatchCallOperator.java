package dev.udfshim.flink.batch;

import dev.udfshim.flink.client.RemoteUdfException;
import dev.udfshim.flink.codec.WireException;
import dev.udfshim.flink.codec.WireFormat;
import dev.udfshim.flink.function.BoundSignature;
import dev.udfshim.flink.function.Connection;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import org.apache.flink.api.common.operators.MailboxExecutor;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.utils.JoinedRowData;
import org.apache.flink.table.runtime.typeutils.InternalSerializers;
import org.apache.flink.table.runtime.typeutils.RowDataSerializer;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.RowType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls one signature of a remote UDF for every row of a stream, many rows per call: each input row
 * goes out whole with its result (a scalar function's value, or each row a table function emitted
 * for it), in input order. The row itself never crosses the wire, only its arguments, so every
 * other column, NULLs included, is exactly what came in.
 *
 * <p>Rows collect into a batch of {@link BatchTuning#rows()} rows; a batch is sent when it is full,
 * when its first row waited {@link BatchTuning#waitNanos()}, before a watermark, at the end of the
 * input and before a checkpoint barrier, so no row is ever in flight across a barrier (no state to
 * keep). At most {@code async.max-in-flight} calls are out at once; a full batch waits for a free
 * one by working the task's mailbox, as Flink's own async operator does. Answers arrive on gRPC's
 * threads and are handed to the task thread as one mail per call, not per row.
 */
public final class BatchCallOperator extends AbstractStreamOperator<RowData>
    implements OneInputStreamOperator<RowData, RowData>, BoundedOneInput {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(BatchCallOperator.class);

  /** The payload bytes of a call: gRPC's 4 MiB message limit less room for the envelope. */
  static final int MAX_CALL_BYTES = (4 << 20) - 1024;

  private final BoundSignature bound;
  private final boolean table;
  private final boolean keepEmpty;
  private final RowType inputType;
  private final int[] argumentFields;
  private final int resultFields;
  private final boolean resultIsRow;
  private final RowType outputType;

  private transient Connection connection;
  private transient WireFormat format;
  private transient WireFormat.Request request;
  private transient RowData.FieldGetter[] getters;
  private transient Object[] arguments;
  private transient MailboxExecutor mailbox;
  private transient BatchTuning tuning;
  private transient TypeSerializer<RowData> copier;
  private transient ArrayDeque<Object> queue;
  private transient List<RowData> open;
  private transient List<Long> times;
  private transient long openedAt;
  private transient boolean timerSet;
  private transient boolean sendWhenFree;
  private transient int inFlight;
  private transient long calls;
  private transient long rows;
  private transient StreamRecord<RowData> record;
  private transient RowDataSerializer outputRows;
  private transient JoinedRowData joined;
  private transient GenericRowData value;
  private transient Counter callCounter;
  private transient Counter rowCounter;

  /** One call out, in input order among the watermarks held behind it. */
  private static final class Call {
    final List<RowData> rows;
    final List<Long> times;
    final long sentAt = System.nanoTime();
    CompletableFuture<byte[]> answer;

    Call(List<RowData> rows, List<Long> times) {
      this.rows = rows;
      this.times = times;
    }
  }

  /**
   * @param bound the signature and its server
   * @param table whether it is a table function (rows per input row) rather than scalar
   * @param keepEmpty a table function's input row that emits nothing is kept, with NULL results
   * @param inputType the input rows' type
   * @param argumentFields the input fields that are the arguments, in order
   * @param resultFields the fields the result adds to each row
   * @param outputType the output rows' type: the input's fields, then the result's
   */
  public BatchCallOperator(
      BoundSignature bound,
      boolean table,
      boolean keepEmpty,
      RowType inputType,
      int[] argumentFields,
      int resultFields,
      RowType outputType) {
    this.bound = bound;
    this.table = table;
    this.keepEmpty = keepEmpty;
    this.inputType = inputType;
    this.argumentFields = argumentFields.clone();
    this.resultFields = resultFields;
    this.resultIsRow = table && bound.signature().returnType() instanceof RowType;
    this.outputType = outputType;
  }

  @Override
  @SuppressWarnings("unchecked")
  public void open() throws Exception {
    super.open();
    connection = Connection.open(bound, table);
    format = connection.format();
    request = format.newRequest();
    tuning =
        new BatchTuning(
            connection.maxRows(), bound.settings().batchSize(), bound.settings().maxWait());
    mailbox =
        getContainingTask()
            .getMailboxExecutorFactory()
            .createExecutor(getOperatorConfig().getChainIndex());
    getters = new RowData.FieldGetter[argumentFields.length];
    for (int i = 0; i < getters.length; i++) {
      LogicalType type = inputType.getTypeAt(argumentFields[i]);
      getters[i] = RowData.createFieldGetter(type, argumentFields[i]);
    }
    arguments = new Object[getters.length];
    copier =
        getExecutionConfig().isObjectReuseEnabled()
            ? (TypeSerializer<RowData>) (TypeSerializer<?>) InternalSerializers.create(inputType)
            : null;
    queue = new ArrayDeque<>();
    open = new ArrayList<>();
    times = new ArrayList<>();
    record = new StreamRecord<>(null);
    outputRows = new RowDataSerializer(outputType);
    joined = new JoinedRowData();
    value = new GenericRowData(1);
    // In Flink's metric group of this operator, beside its own numRecordsIn/Out.
    callCounter = getMetricGroup().counter("shimCalls");
    rowCounter = getMetricGroup().counter("shimRows");
    getMetricGroup().gauge("shimBatchRows", (Gauge<Integer>) tuning::rows);
  }

  @Override
  public void processElement(StreamRecord<RowData> element) throws Exception {
    RowData row = copier == null ? element.getValue() : copier.copy(element.getValue());
    for (int i = 0; i < getters.length; i++) {
      arguments[i] = getters[i].getFieldOrNull(row);
    }
    int bytes;
    try {
      bytes = request.add(arguments);
    } catch (WireException e) {
      throw connection.failure(e.getMessage());
    }
    if (request.size() > MAX_CALL_BYTES) {
      if (request.rows() == 1) {
        request.take();
        throw connection.failure(
            "The arguments of one row take "
                + bytes
                + " bytes, over the "
                + MAX_CALL_BYTES
                + " a call can carry (gRPC's 4 MiB message limit).");
      }
      request.dropLast(bytes);
      send(false);
      try {
        request.add(arguments);
      } catch (WireException e) {
        throw new IllegalStateException("a row that was encoded once cannot fail again", e);
      }
    }
    open.add(row);
    times.add(element.hasTimestamp() ? element.getTimestamp() : null);
    if (open.size() == 1) {
      openedAt = System.nanoTime();
      armTimer(tuning.waitNanos());
    }
    if (open.size() >= tuning.rows()) {
      send(true);
    }
  }

  /** Sends the open batch, waiting for a free call slot first (working the mailbox meanwhile). */
  private void send(boolean full) throws Exception {
    if (open.isEmpty()) {
      return;
    }
    if (inFlight >= bound.settings().maxInFlight()) {
      if (full) {
        tuning.slotsBusyWhenFull();
      }
      while (inFlight >= bound.settings().maxInFlight()) {
        mailbox.yield();
      }
      // A mail may have sent it meanwhile (a timer's batch, once a slot was free).
      if (open.isEmpty()) {
        return;
      }
    }
    Call call = new Call(open, times);
    open = new ArrayList<>(tuning.rows());
    times = new ArrayList<>(tuning.rows());
    inFlight++;
    calls++;
    rows += call.rows.size();
    callCounter.inc();
    rowCounter.inc(call.rows.size());
    queue.add(call);
    call.answer = connection.invoke(request.take());
    // Only a wake-up: drain reads the outcome, failure included, from call.answer itself.
    @SuppressWarnings("FutureReturnValueIgnored")
    var unused = call.answer.whenComplete((bytes, error) -> answered());
  }

  /** On gRPC's thread: hands the answer to the task thread, unless the task has ended. */
  private void answered() {
    try {
      mailbox.execute(this::drain, "shim answer");
    } catch (RejectedExecutionException e) {
      // The task is closing or failed: nobody waits for this answer any more.
    }
  }

  private void armTimer(long nanos) {
    if (timerSet) {
      return;
    }
    timerSet = true;
    long at =
        getProcessingTimeService().getCurrentProcessingTime() + Math.max(1, nanos / 1_000_000);
    // The timer's future is not needed: afterWait runs as a mail or not at all (the task ended).
    @SuppressWarnings("FutureReturnValueIgnored")
    var unused = getProcessingTimeService().registerTimer(at, time -> afterWait());
  }

  /** The open batch's first row may have waited long enough (a mail of the task thread). */
  private void afterWait() throws Exception {
    timerSet = false;
    if (open.isEmpty()) {
      return;
    }
    long left = tuning.waitNanos() - (System.nanoTime() - openedAt);
    if (left > 0) {
      armTimer(left);
    } else if (inFlight >= bound.settings().maxInFlight()) {
      sendWhenFree = true;
    } else {
      send(false);
    }
  }

  /** Emits, in order, every answered call at the head of the queue and the watermarks after it. */
  private void drain() throws Exception {
    while (!queue.isEmpty()) {
      Object head = queue.peek();
      if (head instanceof Watermark mark) {
        queue.poll();
        output.emitWatermark(mark);
        continue;
      }
      Call call = (Call) head;
      if (!call.answer.isDone()) {
        break;
      }
      queue.poll();
      inFlight--;
      tuning.answered(System.nanoTime() - call.sentAt);
      emit(call, answer(call.answer));
    }
    if (sendWhenFree && inFlight < bound.settings().maxInFlight()) {
      sendWhenFree = false;
      send(false);
    }
  }

  private static byte[] answer(CompletableFuture<byte[]> answer) throws Exception {
    try {
      return answer.get();
    } catch (ExecutionException | CompletionException e) {
      if (e.getCause() instanceof RemoteUdfException remote) {
        throw remote;
      }
      throw e;
    }
  }

  private void emit(Call call, byte[] bytes) throws WireException {
    int count = call.rows.size();
    if (!table) {
      List<Object> values = format.readValues(bytes, count);
      for (int i = 0; i < count; i++) {
        value.setField(0, values.get(i));
        collect(call.rows.get(i), call.times.get(i), value);
      }
      return;
    }
    List<List<Object>> emitted = format.readRows(bytes, count);
    for (int i = 0; i < count; i++) {
      List<Object> results = emitted.get(i);
      if (results.isEmpty() && keepEmpty) {
        collect(call.rows.get(i), call.times.get(i), new GenericRowData(resultFields));
      }
      for (Object result : results) {
        if (!resultIsRow) {
          value.setField(0, result);
        }
        collect(call.rows.get(i), call.times.get(i), resultIsRow ? (RowData) result : value);
      }
    }
  }

  /**
   * Emits the row with its result as one binary row, written into the same buffer each time: the
   * chained operators after this one copy every record they get (object reuse is off by default),
   * and a binary row is copied in one piece where a joined one is copied field by field, twice on
   * the way to the sink (about a third of the task thread's time in a profile).
   */
  private void collect(RowData row, Long time, RowData result) {
    joined.replace(row, result);
    joined.setRowKind(row.getRowKind());
    RowData out = outputRows.toBinaryRow(joined);
    if (time == null) {
      record.replace(out);
      record.eraseTimestamp();
    } else {
      record.replace(out, time);
    }
    output.collect(record);
  }

  @Override
  public void processWatermark(Watermark mark) throws Exception {
    // Rows before the watermark must come out before it: their batch goes now, and the
    // watermark waits behind the calls still out.
    send(false);
    if (queue.isEmpty()) {
      super.processWatermark(mark);
    } else {
      queue.add(mark);
    }
  }

  /** Sends the open batch and waits until every call is answered and emitted. */
  private void flush() throws Exception {
    send(false);
    while (!queue.isEmpty()) {
      drain();
      if (!queue.isEmpty()) {
        mailbox.yield();
      }
    }
  }

  @Override
  public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
    flush();
    super.prepareSnapshotPreBarrier(checkpointId);
  }

  @Override
  public void endInput() throws Exception {
    flush();
  }

  @Override
  public void finish() throws Exception {
    flush();
    super.finish();
  }

  @Override
  public void close() throws Exception {
    try {
      if (connection != null) {
        LOG.info(
            "{}: {} row(s) in {} call(s); {}, {} calls in flight at most",
            bound.target(),
            rows,
            calls,
            tuning.describe(),
            bound.settings().maxInFlight());
        connection.close();
      }
    } finally {
      super.close();
    }
  }
}
