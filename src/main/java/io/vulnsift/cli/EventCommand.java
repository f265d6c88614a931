package io.vulnsift.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vulnsift.app.Backends;
import io.vulnsift.app.EventHandling;
import io.vulnsift.app.VulnsiftConfig;
import io.vulnsift.app.WorkflowCatalog;
import io.vulnsift.engine.Engine;
import io.vulnsift.engine.RunOptions;
import io.vulnsift.engine.report.RunReport;
import io.vulnsift.events.EcsTaskEvents;
import io.vulnsift.events.EventRouter;
import io.vulnsift.workflow.Workflow;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
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
  @Mixin EmfOption emf;
  @Mixin ReportFileOptions files;
  @Mixin HtmlReportOption html;

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
    Optional<List<Workflow>> workflows = new WorkflowCatalog().loadValid(List.of(), System.err);
    if (workflows.isEmpty()) {
      return ExitCodes.INVALID;
    }
    EventRouter router =
        new EventRouter(
            json,
            config.schedulePrefix(),
            new EcsTaskEvents(config.ecsClusterStages(), config.inventoryTtl()));
    RunOptions options = html.apply(opts.options(config));
    try (Backends backends = opts.backends(config, json)) {
      EventHandling.Outcome outcome =
          new EventHandling(router, engine)
              .handle(
                  text,
                  workflows.get(),
                  options,
                  opts.environment(backends, config, options.now()));
      for (RunReport r : outcome.reports()) {
        emf.print(r, json);
      }
      files.write(outcome.reports(), json);
      html.write(outcome.reports());
      return ExitCodes.of(outcome.reports());
    }
  }
}
