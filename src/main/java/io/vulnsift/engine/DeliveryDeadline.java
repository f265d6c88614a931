package io.vulnsift.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * When the delivery in progress on this thread must be finished: exactly once holds only while a
 * delivery ends within its claim's lease — past it, another run may take the claim over, look for
 * the issue or message, not find the one still being created, and create it again. The engine sets
 * the deadline around each delivery (the lease from the moment of the claim, less a tenth for clock
 * skew between runs); the HTTP clients' retry policy asks {@link #allows} before waiting for
 * another attempt, and fails the delivery instead when the attempt could outlast the lease. The
 * next run then resumes it as an unfinished delivery (the duplicate guards), once.
 *
 * <p>A thread-local rather than a parameter: it bounds every request a handler makes for the
 * delivery (searches, creates, property writes) without threading it through each client method,
 * and code outside a delivery (tools, tests of a client alone) simply has no deadline.
 */
public final class DeliveryDeadline {
  private static final ThreadLocal<Instant> CURRENT = new ThreadLocal<>();

  private DeliveryDeadline() {}

  /** The deadline of a delivery claimed at {@code claimedAt} for {@code lease}. */
  static Instant of(Instant claimedAt, Duration lease) {
    return claimedAt.plus(lease.minus(lease.dividedBy(10)));
  }

  /**
   * Runs {@code delivery} on this thread with {@code deadline}; restores the previous one after.
   * The engine calls it around each delivery (public for the tests of the HTTP clients).
   */
  public static <T> T within(Instant deadline, Supplier<T> delivery) {
    Instant previous = CURRENT.get();
    CURRENT.set(deadline);
    try {
      return delivery.get();
    } finally {
      if (previous == null) {
        CURRENT.remove();
      } else {
        CURRENT.set(previous);
      }
    }
  }

  /**
   * Whether an attempt that starts after {@code wait} and may take up to {@code attempt} ends
   * before the current delivery's deadline; always true outside a delivery.
   */
  public static boolean allows(Instant now, Duration wait, Duration attempt) {
    Instant deadline = CURRENT.get();
    return deadline == null || !now.plus(wait).plus(attempt).isAfter(deadline);
  }
}
