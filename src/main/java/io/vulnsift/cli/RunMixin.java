package io.vulnsift.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vulnsift.app.Backends;
import io.vulnsift.app.EcrConfig;
import io.vulnsift.app.InputFiles;
import io.vulnsift.app.OverlayInventoryStore;
import io.vulnsift.app.VulnsiftConfig;
import io.vulnsift.engine.RunEnvironment;
import io.vulnsift.engine.RunOptions;
import io.vulnsift.engine.port.FindingSource;
import io.vulnsift.engine.port.InventoryStore;
import io.vulnsift.inventory.kubernetes.KubernetesPodsImporter;
import io.vulnsift.model.InventoryRecord;
import io.vulnsift.sources.ecr.EcrFindingSource;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * Options of every command that runs or reads workflows' inputs — {@code run}, {@code event},
 * {@code serve} and {@code findings} (SPEC §4): where the state, findings and inventory come from,
 * the clock, and whether to write anything. What a command prints or writes of its runs is its own
 * mixin ({@link EmfOption}, {@link ReportFileOptions}, {@link HtmlReportOption}), so that a command
 * accepts only the options it honours: picocli refuses the others as unknown.
 */
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
      description =
          "Read findings from ECR DescribeImageScanFindings responses in DIR instead of Amazon"
              + " ECR.")
  Path findingsFrom;

  @Option(names = "--dry-run", description = "Decide everything, write nothing, send nothing.")
  boolean dryRun;

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

  /** The run options these flags ask for, with the configured lease and baseline wait. */
  RunOptions options(VulnsiftConfig config) {
    return RunOptions.at(clock())
        .dryRun(dryRun)
        .claimLease(config.claimLease())
        .baselineWait(config.baselineWait());
  }

  /** The embedded DynamoDB Local with {@code --local}, else the tables in AWS. */
  Backends backends(VulnsiftConfig config, ObjectMapper json) {
    return local ? Backends.local(config, stateDir, json) : Backends.aws(config);
  }

  /**
   * What runs talk to: the findings of {@code --findings-from}, and the inventory with {@code
   * --inventory-from} imported at the run's clock (only in memory for a dry run).
   */
  RunEnvironment environment(Backends backends, VulnsiftConfig config, Instant now) {
    FindingSource source =
        findingsFrom != null
            ? InputFiles.findings(findingsFrom)
            : backends.own(EcrFindingSource.fromEnvironment(EcrConfig.settings(config.ecr())));
    InventoryStore inventory = backends.inventory();
    if (inventoryFrom != null) {
      List<InventoryRecord> records =
          InputFiles.kubernetesPods(
              inventoryFrom, cluster, now, config, why -> System.err.println("vulnsift: " + why));
      if (dryRun) {
        inventory = new OverlayInventoryStore(inventory, records);
      } else {
        inventory.replaceCluster(KubernetesPodsImporter.SOURCE, cluster, records, now);
      }
    }
    return new RunEnvironment(source, inventory, backends.state(), backends.outbox());
  }
}
