package io.vulnsift.engine;

import io.vulnsift.engine.port.FindingSource.ImageRef;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * How one run is carried out.
 *
 * @param now the run's clock: every window and every "seen at" is computed from it
 * @param dryRun decide everything, write nothing, send nothing
 * @param scope the one image an event is about, or empty for a full run
 * @param claimLease how long a claim or the baseline marker is held before others may take it
 * @param baselineWait how long a run waits for another run's first-run baseline
 * @param runId unique id of this run (owner of its claims)
 * @param traceFindings keep every current finding with its runtime context and fate in the report
 *     (for the HTML report); off by default, it costs memory and inventory reads
 * @param nowReadAt {@link System#nanoTime()} when {@code now} was read, for {@link #elapsed()}
 */
public record RunOptions(
    Instant now,
    boolean dryRun,
    Optional<ImageRef> scope,
    Duration claimLease,
    Duration baselineWait,
    String runId,
    boolean traceFindings,
    long nowReadAt) {

  public static RunOptions at(Instant now) {
    return new RunOptions(
        now,
        false,
        Optional.empty(),
        Duration.ofMinutes(5),
        Duration.ofSeconds(30),
        newRunId(),
        false,
        System.nanoTime());
  }

  /**
   * Real time since {@link #now} was read. {@code now} stays fixed for the whole run (every window
   * is computed from it), but a claim taken late in a long run must still be held for its full
   * lease from the moment it is taken: leases are extended by this much.
   */
  public Duration elapsed() {
    return Duration.ofNanos(Math.max(0, System.nanoTime() - nowReadAt));
  }

  /** The claim lease as taken at this moment of the run ({@link #elapsed()} added). */
  public Duration leaseFromNow() {
    return claimLease.plus(elapsed());
  }

  public RunOptions dryRun(boolean value) {
    return new RunOptions(
        now, value, scope, claimLease, baselineWait, runId, traceFindings, nowReadAt);
  }

  public RunOptions scope(Optional<ImageRef> value) {
    return new RunOptions(
        now, dryRun, value, claimLease, baselineWait, runId, traceFindings, nowReadAt);
  }

  public RunOptions claimLease(Duration value) {
    return new RunOptions(now, dryRun, scope, value, baselineWait, runId, traceFindings, nowReadAt);
  }

  public RunOptions baselineWait(Duration value) {
    return new RunOptions(now, dryRun, scope, claimLease, value, runId, traceFindings, nowReadAt);
  }

  /** The same options for another run (its own run id, which owns its claims). */
  public RunOptions nextRun() {
    return new RunOptions(
        now, dryRun, scope, claimLease, baselineWait, newRunId(), traceFindings, nowReadAt);
  }

  /** Keep every current finding's runtime context and fate, for the HTML report. */
  public RunOptions traceFindings(boolean value) {
    return new RunOptions(now, dryRun, scope, claimLease, baselineWait, runId, value, nowReadAt);
  }

  public static String newRunId() {
    return UUID.randomUUID().toString();
  }
}
