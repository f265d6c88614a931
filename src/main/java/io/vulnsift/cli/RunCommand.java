package io.vulnsift.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vulnsift.app.Backends;
import io.vulnsift.app.InputFiles;
import io.vulnsift.app.OverlayInventoryStore;
import io.vulnsift.app.VulnsiftConfig;
import io.vulnsift.app.WorkflowCatalog;
import io.vulnsift.engine.Engine;
import io.vulnsift.engine.RunEnvironment;
import io.vulnsift.engine.RunOptions;
import io.vulnsift.engine.port.FindingSource;
import io.vulnsift.engine.port.InventoryStore;
import io.vulnsift.engine.report.RunReport;
import io.vulnsift.model.InventoryRecord;
import io.vulnsift.workflow.ValidationError;
import io.vulnsift.workflow.Workflow;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code run [WORKFLOW_FILE...]}: runs workflows once, prints the funnel, writes the report. */
@Command(name = "run", description = "Run workflows once (default: all of workflows/).")
public class RunCommand implements Callable<Integer> {

  @Parameters(arity = "0..*", paramLabel = "WORKFLOW_FILE", description = "workflow files")
  List<Path> workflowFiles;

  @Mixin RunMixin opts;

  @Inject Engine engine;
  @Inject VulnsiftConfig config;
  @Inject ObjectMapper json;

  @Override
  public Integer call() {
    WorkflowCatalog catalog = new WorkflowCatalog();
    List<Path> files = catalog.resolve(workflowFiles);
    List<ValidationError> errors = catalog.validate(files);
    if (!errors.isEmpty()) {
      errors.forEach(System.err::println);
      return ExitCodes.INVALID;
    }
    if (files.isEmpty()) {
      System.err.println("vulnsift: no workflow files found");
      return ExitCodes.INVALID;
    }
    List<Workflow> workflows = catalog.load(files);
    Instant now = opts.clock();
    FindingSource source = findingSource(opts);
    try (Backends backends =
        opts.local ? Backends.local(config, opts.stateDir, json) : Backends.aws(config)) {
      InventoryStore inventory = importInventory(opts, config, backends.inventory(), now);
      RunEnvironment env =
          new RunEnvironment(source, inventory, backends.state(), backends.outbox());
      List<RunReport> reports = new ArrayList<>();
      for (Workflow wf : workflows) {
        RunOptions options =
            RunOptions.at(now)
                .dryRun(opts.dryRun)
                .claimLease(config.claimLease())
                .baselineWait(config.baselineWait());
        RunReport report = engine.run(wf, options, env);
        RunSummary.print(report, System.out);
        reports.add(report);
      }
      new ReportFiles(json).write(reports, opts.planOut, opts.reportOut);
      backends.outbox().ifPresent(o -> System.out.println("outbox: " + o.file()));
      return reports.stream().anyMatch(r -> !r.errors().isEmpty())
          ? ExitCodes.DELIVERY_FAILED
          : ExitCodes.OK;
    }
  }

  static FindingSource findingSource(RunMixin opts) {
    if (opts.findingsFrom == null) {
      throw new IllegalArgumentException(
          "reading findings from Amazon ECR is not available yet: give --findings-from DIR");
    }
    return InputFiles.findings(opts.findingsFrom);
  }

  /** Imports the pods document; in a dry run only in memory, so nothing is written. */
  static InventoryStore importInventory(
      RunMixin opts, VulnsiftConfig config, InventoryStore inventory, Instant now) {
    if (opts.inventoryFrom == null) {
      return inventory;
    }
    List<InventoryRecord> records =
        InputFiles.kubernetesPods(
            opts.inventoryFrom, opts.cluster, now, config.inventoryTtl(), config.namespaceStages());
    if (opts.dryRun) {
      return new OverlayInventoryStore(inventory, records);
    }
    inventory.upsert(records);
    return inventory;
  }
}
