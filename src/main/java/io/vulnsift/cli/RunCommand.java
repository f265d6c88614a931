package io.vulnsift.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vulnsift.app.Backends;
import io.vulnsift.app.VulnsiftConfig;
import io.vulnsift.app.WorkflowCatalog;
import io.vulnsift.engine.Engine;
import io.vulnsift.engine.RunEnvironment;
import io.vulnsift.engine.RunOptions;
import io.vulnsift.engine.report.RunReport;
import io.vulnsift.workflow.Workflow;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
  @Mixin HtmlReportOption html;

  @Inject Engine engine;
  @Inject VulnsiftConfig config;
  @Inject ObjectMapper json;

  @Override
  public Integer call() {
    Optional<List<Workflow>> workflows = new WorkflowCatalog().loadValid(workflowFiles, System.err);
    if (workflows.isEmpty()) {
      return ExitCodes.INVALID;
    }
    RunOptions base = html.apply(opts.options(config));
    try (Backends backends = opts.backends(config, json)) {
      RunEnvironment env = opts.environment(backends, config, base.now());
      List<RunReport> reports = new ArrayList<>();
      for (Workflow wf : workflows.get()) {
        RunReport report = engine.run(wf, base.nextRun(), env);
        opts.print(report, json);
        reports.add(report);
      }
      new ReportFiles(json).write(reports, opts.planOut, opts.reportOut);
      html.write(reports);
      backends.outbox().ifPresent(o -> System.out.println("outbox: " + o.file()));
      return ExitCodes.of(reports);
    }
  }
}
