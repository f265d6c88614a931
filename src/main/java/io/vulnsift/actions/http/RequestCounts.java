package io.vulnsift.actions.http;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Requests an HTTP client has sent, per operation; every attempt counts, so a request retried after
 * a 429 counts twice — what the API's rate limit sees. Thread-safe: deliveries may run in parallel.
 */
public final class RequestCounts {
  private final ConcurrentMap<String, AtomicInteger> counts = new ConcurrentHashMap<>();

  public void add(String operation) {
    counts.computeIfAbsent(operation, k -> new AtomicInteger()).incrementAndGet();
  }

  /** The counts so far, sorted by operation. */
  public Map<String, Integer> snapshot() {
    Map<String, Integer> out = new TreeMap<>();
    counts.forEach((k, v) -> out.put(k, v.get()));
    return out;
  }
}
