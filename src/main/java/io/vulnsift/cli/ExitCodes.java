package io.vulnsift.cli;

/** Process exit codes of the command line. */
final class ExitCodes {
  /** Everything done. */
  static final int OK = 0;

  /** The run finished, but some deliveries failed (they are retried on the next run). */
  static final int DELIVERY_FAILED = 1;

  /** Invalid input: a workflow, an option or an input file. Nothing ran. */
  static final int INVALID = 2;

  private ExitCodes() {}

  /** {@link #OK}, or {@link #DELIVERY_FAILED} when any run reported an error. */
  static int of(java.util.List<io.vulnsift.engine.report.RunReport> reports) {
    return reports.stream().anyMatch(r -> !r.errors().isEmpty()) ? DELIVERY_FAILED : OK;
  }
}
