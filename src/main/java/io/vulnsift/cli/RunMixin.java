package io.vulnsift.cli;

import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import picocli.CommandLine.Option;

/** Options shared by {@code run} and {@code event} (SPEC §4). */
public class RunMixin {

  @Option(
      names = "--local",
      description =
          "Embedded default: DynamoDB Local in-process under --state-dir; unconfigured"
              + " actions go to <state-dir>/outbox.jsonl.")
  boolean local;

  @Option(
      names = "--state-dir",
      defaultValue = ".vulnsift",
      description = "Where --local keeps its data (default: ${DEFAULT-VALUE}).")
  Path stateDir;

  @Option(
      names = "--inventory-from",
      paramLabel = "FILE",
      description = "Import a `kubectl get pods -A -o json` document before the run.")
  Path inventoryFrom;

  @Option(
      names = "--cluster",
      defaultValue = "local",
      description = "Cluster name for --inventory-from (default: ${DEFAULT-VALUE}).")
  String cluster;

  @Option(
      names = "--findings-from",
      paramLabel = "DIR",
      description = "Read findings from ECR DescribeImageScanFindings responses in DIR.")
  Path findingsFrom;

  @Option(names = "--dry-run", description = "Decide everything, write nothing, send nothing.")
  boolean dryRun;

  @Option(names = "--plan-out", paramLabel = "FILE", description = "Write the plan (JSON Lines).")
  Path planOut;

  @Option(names = "--report-out", paramLabel = "FILE", description = "Write the run report (JSON).")
  Path reportOut;

  @Option(
      names = "--now",
      paramLabel = "ISO-8601",
      description = "The clock of this run (default: the current time).")
  String now;

  /** The run's clock. */
  Instant clock() {
    if (now == null) {
      return Instant.now();
    }
    try {
      return Instant.parse(now);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "--now: '" + now + "' is not an ISO-8601 instant such as 2026-11-20T12:00:00Z");
    }
  }
}
