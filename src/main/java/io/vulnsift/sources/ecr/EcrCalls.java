package io.vulnsift.sources.ecr;

import io.vulnsift.engine.report.RequestCounts;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Counts ECR calls of one fetch. Requests carry their fetch's counter as an execution attribute, so
 * that one client can serve concurrent fetches; the {@link #INTERCEPTOR} (installed on the client
 * by {@link EcrClients}) counts each API call once and every further HTTP attempt as a retry.
 */
final class EcrCalls {

  /** The key under which retried attempts (throttling, 5xx, I/O) are counted. */
  static final String RETRIES = "retries";

  static final ExecutionAttribute<EcrCalls> ATTRIBUTE = new ExecutionAttribute<>("vulnsift.calls");

  static final ExecutionInterceptor INTERCEPTOR = new Interceptor();

  private static final ExecutionAttribute<AtomicInteger> ATTEMPTS =
      new ExecutionAttribute<>("vulnsift.attempts");

  private final RequestCounts counts = new RequestCounts();

  void add(String key, int n) {
    counts.add(key, n);
  }

  Map<String, Integer> snapshot() {
    return counts.snapshot();
  }

  private static final class Interceptor implements ExecutionInterceptor {
    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
      EcrCalls calls = attributes.getAttribute(ATTRIBUTE);
      if (calls != null) {
        calls.add(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME), 1);
        attributes.putAttribute(ATTEMPTS, new AtomicInteger());
      }
    }

    @Override
    public void beforeTransmission(
        Context.BeforeTransmission context, ExecutionAttributes attributes) {
      EcrCalls calls = attributes.getAttribute(ATTRIBUTE);
      AtomicInteger attempts = attributes.getAttribute(ATTEMPTS);
      if (calls != null && attempts != null && attempts.incrementAndGet() > 1) {
        calls.add(RETRIES, 1);
      }
    }
  }
}
