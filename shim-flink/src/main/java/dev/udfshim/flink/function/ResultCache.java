package dev.udfshim.flink.function;

import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;

/**
 * The opt-in result cache of a deterministic function ('cache.size'): the answers of the last
 * {@code capacity} distinct requests, least recently used out first. The key is the request's
 * bytes, which are exactly the arguments' values (Flink's serializers), so equal arguments hit and
 * nothing about the values' classes needs to be known; the value is the answer's bytes, decoded
 * anew on every hit, so no two rows share a mutable result. Counted in Flink's metric group of the
 * function ({@code shimCacheHits}, {@code shimCacheMisses}). One per function instance, used by its
 * task thread only.
 */
final class ResultCache {
  private final int capacity;
  private final Map<ByteBuffer, byte[]> answers;
  private final Counter hits;
  private final Counter misses;

  ResultCache(int capacity, MetricGroup metrics) {
    this.capacity = capacity;
    this.answers =
        new LinkedHashMap<>(Math.min(capacity, 1 << 16), 0.75f, true) {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<ByteBuffer, byte[]> eldest) {
            return size() > ResultCache.this.capacity;
          }
        };
    this.hits = metrics.counter("shimCacheHits");
    this.misses = metrics.counter("shimCacheMisses");
  }

  /** The cached answer to a request, or the call's, which is then cached. */
  byte[] answer(byte[] request, UnaryOperator<byte[]> call) {
    ByteBuffer key = ByteBuffer.wrap(request);
    byte[] answer = answers.get(key);
    if (answer != null) {
      hits.inc();
      return answer;
    }
    misses.inc();
    answer = call.apply(request);
    answers.put(key, answer);
    return answer;
  }

  /** "cache of 1000 results: 93.2% hits (9320 of 10000 rows)", for the task's log. */
  String summary() {
    long all = hits.getCount() + misses.getCount();
    return String.format(
        "cache of %d results: %.1f%% hits (%d of %d rows)",
        capacity, all == 0 ? 0.0 : 100.0 * hits.getCount() / all, hits.getCount(), all);
  }
}
