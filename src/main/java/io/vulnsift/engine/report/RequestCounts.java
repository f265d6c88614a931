package io.vulnsift.engine.report;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Requests an adapter has sent, per operation, for the run report: Jira and Slack count every
 * attempt (a request retried after a 429 counts twice — what the API's rate limit sees), DynamoDB
 * and ECR count each call and their retries apart. Thread-safe: requests may run in parallel.
 */
public final class RequestCounts {
  private final ConcurrentMap<String, AtomicInteger> counts = new ConcurrentHashMap<>();

  public void add(String operation) {
    add(operation, 1);
  }

  public void add(String operation, int n) {
    counts.computeIfAbsent(operation, k -> new AtomicInteger()).addAndGet(n);
  }

  /** The counts so far, sorted by operation. */
  public Map<String, Integer> snapshot() {
    Map<String, Integer> out = new TreeMap<>();
    counts.forEach((k, v) -> out.put(k, v.get()));
    return out;
  }
}
