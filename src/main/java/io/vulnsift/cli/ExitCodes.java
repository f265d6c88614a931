package io.vulnsift.cli;

/** Process exit codes of the command line. */
final class ExitCodes {
  /** Everything done. */
  static final int OK = 0;

  /** The run finished, but some deliveries failed (they are retried on the next run). */
  static final int DELIVERY_FAILED = 1;

  /** Invalid input: a workflow, an option, an input file or a setting. Nothing ran. */
  static final int INVALID = 2;

  /**
   * DynamoDB failed, after the SDK's retries: unreachable, a table missing or not permitted, a
   * table that could not be created; the message names the table. A code of its own, so that a
   * script or a CronJob can tell an outage, worth retrying, from bad input ({@link #INVALID}),
   * which is not.
   */
  static final int STORE_FAILED = 3;

  private ExitCodes() {}

  /** {@link #OK}, or {@link #DELIVERY_FAILED} when any run reported an error. */
  static int of(java.util.List<io.vulnsift.engine.report.RunReport> reports) {
    return reports.stream().anyMatch(r -> !r.errors().isEmpty()) ? DELIVERY_FAILED : OK;
  }
}
