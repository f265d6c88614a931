package io.vulnsift.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vulnsift.app.Backends;
import io.vulnsift.app.EventHandling;
import io.vulnsift.app.VulnsiftConfig;
import io.vulnsift.app.WorkflowCatalog;
import io.vulnsift.engine.Engine;
import io.vulnsift.engine.RunEnvironment;
import io.vulnsift.engine.RunOptions;
import io.vulnsift.engine.port.FindingSource;
import io.vulnsift.engine.report.RunReport;
import io.vulnsift.events.EcsTaskEvents;
import io.vulnsift.events.EventRouter;
import io.vulnsift.workflow.ValidationError;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code event FILE}: handles one EventBridge event exactly as the Lambda function does. */
@Command(name = "event", description = "Handle one EventBridge event (JSON) like the Lambda.")
public class EventCommand implements Callable<Integer> {

  @Parameters(paramLabel = "FILE", description = "the EventBridge event (JSON)")
  Path file;

  @Mixin RunMixin opts;

  @Inject Engine engine;
  @Inject VulnsiftConfig config;
  @Inject ObjectMapper json;

  @Override
  public Integer call() {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read event " + file + ": " + e.getMessage(), e);
    }
    WorkflowCatalog catalog = new WorkflowCatalog();
    List<Path> files = catalog.resolve(List.of());
    List<ValidationError> errors = catalog.validate(files);
    if (!errors.isEmpty()) {
      errors.forEach(System.err::println);
      return ExitCodes.INVALID;
    }
    EventRouter router =
        new EventRouter(
            json,
            config.schedulePrefix(),
            new EcsTaskEvents(config.ecsClusterStages(), config.inventoryTtl()));
    RunOptions options =
        RunOptions.at(opts.clock())
            .dryRun(opts.dryRun)
            .claimLease(config.claimLease())
            .baselineWait(config.baselineWait());
    FindingSource source = RunCommand.findingSource(opts);
    try (Backends backends =
        opts.local ? Backends.local(config, opts.stateDir, json) : Backends.aws(config)) {
      RunEnvironment env =
          new RunEnvironment(
              source,
              RunCommand.importInventory(opts, config, backends.inventory(), options.now()),
              backends.state(),
              backends.outbox());
      EventHandling.Outcome outcome =
          new EventHandling(router, engine).handle(text, catalog.load(files), options, env);
      for (RunReport r : outcome.reports()) {
        RunSummary.print(r, System.out);
      }
      new ReportFiles(json).write(outcome.reports(), opts.planOut, opts.reportOut);
      return outcome.reports().stream().anyMatch(r -> !r.errors().isEmpty())
          ? ExitCodes.DELIVERY_FAILED
          : ExitCodes.OK;
    }
  }
}
