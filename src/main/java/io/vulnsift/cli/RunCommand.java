package io.vulnsift.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vulnsift.app.Backends;
import io.vulnsift.app.VulnsiftConfig;
import io.vulnsift.app.WorkflowCatalog;
import io.vulnsift.engine.Engine;
import io.vulnsift.engine.RunEnvironment;
import io.vulnsift.engine.RunOptions;
import io.vulnsift.engine.report.RunReport;
import io.vulnsift.shards.LocalShardedRuns;
import io.vulnsift.workflow.Source;
import io.vulnsift.workflow.Workflow;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code run [WORKFLOW_FILE...]}: runs workflows once, prints the funnel, writes the report. */
@Command(name = "run", description = "Run workflows once (default: all of workflows/).")
public class RunCommand implements Callable<Integer> {

  @Parameters(arity = "0..*", paramLabel = "WORKFLOW_FILE", description = "workflow files")
  List<Path> workflowFiles;

  @Mixin RunMixin opts;
  @Mixin EmfOption emf;
  @Mixin ReportFileOptions files;
  @Mixin HtmlReportOption html;

  @Option(
      names = "--shards",
      paramLabel = "N",
      description =
          "Split each run into N shards by repository, collected by --workers threads through an"
              + " in-process queue and decided together, as the Lambda function does through SQS"
              + " (default: the workflow's source.shards; 1 runs unsharded).")
  Integer shards;

  @Option(
      names = "--workers",
      paramLabel = "M",
      defaultValue = "2",
      description = "Threads that take shard messages with --shards (default: ${DEFAULT-VALUE}).")
  int workers;

  @Inject Engine engine;
  @Inject VulnsiftConfig config;
  @Inject ObjectMapper json;

  @Override
  public Integer call() {
    if (shards != null && (shards < 1 || shards > Source.MAX_SHARDS)) {
      throw new IllegalArgumentException(
          "--shards: " + shards + " is not between 1 and " + Source.MAX_SHARDS);
    }
    if (workers < 1) {
      throw new IllegalArgumentException("--workers: " + workers + " is not at least 1");
    }
    RunOptions base = html.apply(opts.options(config));
    Optional<List<Workflow>> workflows = new WorkflowCatalog().loadValid(workflowFiles, System.err);
    if (workflows.isEmpty()) {
      return ExitCodes.INVALID;
    }
    try (Backends backends = opts.backends(config, json)) {
      RunEnvironment env = opts.environment(backends, config, base.now());
      LocalShardedRuns sharded = new LocalShardedRuns(engine, backends.shardRuns(), env, workers);
      List<RunReport> reports = new ArrayList<>();
      for (Workflow wf : workflows.get()) {
        int n = shards != null ? shards : wf.source().shards();
        // A dry run writes nothing, and shards keep their parts in the state table; unsharded,
        // the same run decides the same (a test holds the two equal). The HTML report's
        // findings table needs every finding of the run in one process: it runs unsharded too.
        RunReport report =
            n > 1 && !opts.dryRun && !base.traceFindings()
                ? sharded.run(wf, n, base.nextRun())
                : engine.run(wf, base.nextRun(), env);
        emf.print(report, json);
        reports.add(report);
      }
      files.write(reports, json);
      html.write(reports);
      backends.outbox().ifPresent(o -> System.out.println("outbox: " + o.file()));
      return ExitCodes.of(reports);
    }
  }
}
