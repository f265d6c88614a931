package io.vulnsift.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.Quarkus;
import io.quarkus.scheduler.Trigger;
import io.vulnsift.app.Backends;
import io.vulnsift.app.VulnsiftConfig;
import io.vulnsift.app.WorkflowCatalog;
import io.vulnsift.engine.Engine;
import io.vulnsift.engine.RunEnvironment;
import io.vulnsift.engine.report.RunReport;
import io.vulnsift.scheduler.WorkflowJobs;
import io.vulnsift.workflow.Workflow;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code serve}: runs every workflow on its own cron schedule (in its time zone) until stopped. A
 * workflow never overlaps itself: a tick that finds the previous run still going is skipped.
 */
@Command(name = "serve", description = "Run every workflow on its schedule until stopped.")
public class ServeCommand implements Callable<Integer> {
  private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(60);

  @Mixin RunMixin opts;
  @Mixin EmfOption emf;

  @Inject Engine engine;
  @Inject VulnsiftConfig config;
  @Inject ObjectMapper json;
  @Inject WorkflowJobs jobs;

  @Override
  public Integer call() {
    Optional<List<Workflow>> workflows = new WorkflowCatalog().loadValid(List.of(), System.err);
    if (workflows.isEmpty()) {
      return ExitCodes.INVALID;
    }
    try (Backends backends = opts.backends(config, json)) {
      RunEnvironment env = opts.environment(backends, config, Instant.now());
      List<Trigger> triggers = jobs.schedule(workflows.get(), wf -> runOnce(wf, env));
      if (triggers.isEmpty()) {
        System.err.println("vulnsift: no workflow has a schedule");
        return ExitCodes.INVALID;
      }
      for (Workflow wf : workflows.get()) {
        if (wf.triggers().schedule() != null) {
          System.out.printf(
              "scheduled %s: %s (%s)%n",
              wf.name(), wf.triggers().schedule().cron(), wf.triggers().schedule().timezone());
        }
      }
      Quarkus.waitForExit();
      // Stopping (SIGTERM, Ctrl-C): let the runs in flight finish before the stores close. A run
      // cut off anyway is safe — its claims expire and the next run takes them over.
      try {
        if (!jobs.awaitIdle(SHUTDOWN_GRACE)) {
          System.err.println("vulnsift: stopping with a run still in flight");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return ExitCodes.OK;
    }
  }

  private void runOnce(Workflow wf, RunEnvironment env) {
    // Each tick runs at its own clock (options() reads the time afresh unless --now fixes it).
    RunReport report = engine.run(wf, opts.options(config), env);
    emf.print(report, json);
  }
}
