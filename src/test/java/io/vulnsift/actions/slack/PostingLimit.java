package io.vulnsift.actions.slack;

import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Slack's posting limit as the Slack fakes enforce it: a token bucket per channel of {@link #BURST}
 * tokens, one more per second of the given clock.
 */
public final class PostingLimit {
  public static final int BURST = 3;

  private final LongSupplier nanos;
  private final Map<String, double[]> buckets = new HashMap<>();

  /** With {@code nanos} as the clock, e.g. {@code System::nanoTime} for real time. */
  public PostingLimit(LongSupplier nanos) {
    this.nanos = nanos;
  }

  /** Takes one of the channel's tokens; false when there is none (Slack answers 429). */
  public synchronized boolean take(String channel) {
    long now = nanos.getAsLong();
    double[] b = buckets.computeIfAbsent(channel, k -> new double[] {BURST, now});
    b[0] = Math.min(BURST, b[0] + (now - b[1]) / 1e9);
    b[1] = now;
    if (b[0] < 1) {
      return false;
    }
    b[0] -= 1;
    return true;
  }
}
