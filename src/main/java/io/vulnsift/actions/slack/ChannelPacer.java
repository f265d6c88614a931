package io.vulnsift.actions.slack;

import io.vulnsift.actions.http.RetryPolicy;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Spaces messages to the same channel (or webhook) by an interval: Slack allows about one message
 * per second per channel, and apps that keep posting after a 429 risk being disabled, so staying
 * under the limit beats handling it. Channels are paced independently of each other.
 */
final class ChannelPacer {

  private final Duration interval;
  private final RetryPolicy.Sleeper sleeper;
  private final Map<String, long[]> lastSent = new ConcurrentHashMap<>();

  ChannelPacer(Duration interval, RetryPolicy.Sleeper sleeper) {
    this.interval = interval;
    this.sleeper = sleeper;
  }

  /** Runs {@code send} for {@code channel} no sooner than the interval after the previous one. */
  <T> T paced(String channel, java.util.function.Supplier<T> send) {
    long[] slot = lastSent.computeIfAbsent(channel, k -> new long[] {Long.MIN_VALUE});
    synchronized (slot) {
      if (slot[0] != Long.MIN_VALUE) {
        long waitNanos = interval.toNanos() - (System.nanoTime() - slot[0]);
        if (waitNanos > 0) {
          try {
            sleeper.sleep(Duration.ofNanos(waitNanos));
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
      }
      try {
        return send.get();
      } finally {
        slot[0] = System.nanoTime();
      }
    }
  }
}
