package io.vulnsift.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.Quarkus;
import io.quarkus.scheduler.Scheduled.ConcurrentExecution;
import io.quarkus.scheduler.Scheduler;
import io.vulnsift.app.Backends;
import io.vulnsift.app.VulnsiftConfig;
import io.vulnsift.app.WorkflowCatalog;
import io.vulnsift.engine.Engine;
import io.vulnsift.engine.RunEnvironment;
import io.vulnsift.engine.report.RunReport;
import io.vulnsift.workflow.Workflow;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jboss.logging.Logger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code serve}: runs every workflow on its own cron schedule (in its time zone) until stopped. A
 * workflow never overlaps itself: a tick that finds the previous run still going is skipped.
 */
@Command(name = "serve", description = "Run every workflow on its schedule until stopped.")
public class ServeCommand implements Callable<Integer> {
  private static final Logger LOG = Logger.getLogger(ServeCommand.class);

  @Mixin RunMixin opts;

  @Inject Engine engine;
  @Inject VulnsiftConfig config;
  @Inject ObjectMapper json;
  @Inject Scheduler scheduler;

  @Override
  public Integer call() {
    Optional<List<Workflow>> workflows = new WorkflowCatalog().loadValid(List.of(), System.err);
    if (workflows.isEmpty()) {
      return ExitCodes.INVALID;
    }
    try (Backends backends = opts.backends(config, json)) {
      RunEnvironment env = opts.environment(backends, config, Instant.now());
      int scheduled = 0;
      for (Workflow wf : workflows.get()) {
        if (wf.triggers().schedule() == null) {
          continue;
        }
        scheduler
            .newJob("workflow-" + wf.name())
            .setCron(wf.triggers().schedule().cron())
            .setTimeZone(ZoneId.of(wf.triggers().schedule().timezone()).getId())
            .setConcurrentExecution(ConcurrentExecution.SKIP)
            .setTask(execution -> runOnce(wf, env))
            .schedule();
        scheduled++;
        System.out.printf(
            "scheduled %s: %s (%s)%n",
            wf.name(), wf.triggers().schedule().cron(), wf.triggers().schedule().timezone());
      }
      if (scheduled == 0) {
        System.err.println("vulnsift: no workflow has a schedule");
        return ExitCodes.INVALID;
      }
      Quarkus.waitForExit();
      return ExitCodes.OK;
    }
  }

  private void runOnce(Workflow wf, RunEnvironment env) {
    try {
      RunReport report = engine.run(wf, opts.options(config), env);
      opts.print(report, json);
    } catch (RuntimeException e) {
      // One failed run must not stop the service; the next tick tries again.
      LOG.errorf(e, "workflow %s failed", wf.name());
    }
  }
}
