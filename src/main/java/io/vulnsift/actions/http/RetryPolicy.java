package io.vulnsift.actions.http;

import io.vulnsift.engine.DeliveryDeadline;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Bounded retries for HTTP 429 and 5xx. Jira and Slack both send {@code Retry-After} (seconds; an
 * HTTP date is accepted too), and retrying before it "will fail and return the same or longer
 * Retry-After", so it is honoured exactly; without it the delay doubles from {@code baseDelay}. A
 * wait longer than {@code maxDelay} is not slept through: the delivery fails and the next run
 * retries, which keeps a run (and a Lambda invocation) short.
 *
 * @param maxAttempts total attempts including the first
 */
public record RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay, Sleeper sleeper) {

  /** Sleeps; tests replace it to record the delays instead of waiting. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;

    Sleeper REAL = d -> Thread.sleep(d.toMillis());
  }

  public static final RetryPolicy DEFAULT =
      new RetryPolicy(4, Duration.ofSeconds(1), Duration.ofSeconds(60), Sleeper.REAL);

  public RetryPolicy withSleeper(Sleeper other) {
    return new RetryPolicy(maxAttempts, baseDelay, maxDelay, other);
  }

  /** Whether a response with this status is worth another attempt. */
  public static boolean retryable(int status) {
    return status == 429 || status == 500 || status == 502 || status == 503 || status == 504;
  }

  /**
   * The wait before attempt {@code attempt + 1}, or empty when no attempt is left or the server
   * asks for a wait beyond {@link #maxDelay}.
   *
   * @param attempt the attempt that just failed, starting at 1
   */
  public Optional<Duration> delayAfter(int attempt, Optional<String> retryAfter, Instant now) {
    if (attempt >= maxAttempts) {
      return Optional.empty();
    }
    Duration delay =
        retryAfter
            .flatMap(h -> parseRetryAfter(h, now))
            .orElse(baseDelay.multipliedBy(1L << Math.min(attempt - 1, 16)));
    return delay.compareTo(maxDelay) > 0 ? Optional.empty() : Optional.of(delay);
  }

  /**
   * Sleeps for {@code delay} before another attempt that may take up to {@code attempt}, unless
   * that attempt could end past the deadline of the delivery in progress ({@link
   * DeliveryDeadline}): past it, the run that takes the delivery's claim over could send again what
   * this attempt is still sending. An interrupt ends the retries too, keeping the interrupt flag.
   *
   * @return whether to try again
   */
  public boolean pause(Instant now, Duration delay, Duration attempt) {
    if (!DeliveryDeadline.allows(now, delay, attempt)) {
      return false;
    }
    try {
      sleeper.sleep(delay);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  static Optional<Duration> parseRetryAfter(String header, Instant now) {
    String value = header.trim();
    try {
      return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(value))));
    } catch (NumberFormatException notSeconds) {
      try {
        Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        Duration d = Duration.between(now, at);
        return Optional.of(d.isNegative() ? Duration.ZERO : d);
      } catch (DateTimeParseException notDate) {
        return Optional.empty();
      }
    }
  }
}
