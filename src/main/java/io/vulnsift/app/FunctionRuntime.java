package io.vulnsift.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vulnsift.engine.Engine;
import io.vulnsift.engine.RunEnvironment;
import io.vulnsift.engine.RunOptions;
import io.vulnsift.engine.report.EmfMetrics;
import io.vulnsift.engine.report.FunnelStage;
import io.vulnsift.engine.report.RunReport;
import io.vulnsift.events.EcsTaskEvents;
import io.vulnsift.events.EventRouter;
import io.vulnsift.events.RoutedEvent;
import io.vulnsift.sources.ecr.EcrFindingSource;
import io.vulnsift.workflow.Workflow;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * What the Lambda function does with one invocation, without the Lambda API: route the raw
 * EventBridge JSON, run the workflows it names against the tables in AWS and ECR, and answer with a
 * short JSON summary. Built once per execution environment — before the SnapStart checkpoint — so
 * clients, workflows and compiled conditions are ready; secrets are read at the first delivery and
 * no connection is opened before it (nothing secret or stale lands in the snapshot).
 *
 * <p>A rejected (malformed, unknown) event is logged and acknowledged, so asynchronous retries
 * cannot storm. A failure of the stores themselves is thrown: Lambda retries the event (twice, then
 * the dead-letter queue), and the claims make the retry harmless.
 */
public final class FunctionRuntime implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(FunctionRuntime.class);

  private final List<Workflow> workflows;
  private final EventHandling handling;
  private final VulnsiftConfig config;
  private final ObjectMapper json;
  private final Backends backends;
  private final RunEnvironment environment;
  private final Clock clock;
  private final Optional<ShardHandling> shards;

  public FunctionRuntime(Engine engine, VulnsiftConfig config, ObjectMapper json, Clock clock) {
    this.config = config;
    this.json = json;
    this.clock = clock;
    this.workflows = BundledWorkflows.load(config.workflowsDir());
    EventRouter router =
        new EventRouter(
            json,
            config.schedulePrefix(),
            new EcsTaskEvents(config.ecsClusterStages(), config.inventoryTtl()));
    this.backends = Backends.aws(config);
    EcrFindingSource ecr =
        backends.own(EcrFindingSource.fromEnvironment(EcrConfig.settings(config.ecr())));
    this.environment =
        new RunEnvironment(ecr, backends.inventory(), backends.state(), backends.outbox());
    this.shards =
        ShardHandling.fromConfig(
            config,
            engine,
            workflows,
            environment,
            backends,
            options(clock.instant()),
            json,
            report -> System.out.println(EmfMetrics.of(report, clock.instant(), json)));
    this.handling = new EventHandling(router, engine, shards.map(ShardHandling::scheduled));
    primeTls();
    LOG.infof(
        "vulnsift function ready: workflows %s", workflows.stream().map(Workflow::name).toList());
  }

  /**
   * Initializes the JVM's default TLS context (security providers, trust store) now, before the
   * SnapStart checkpoint, so that the first HTTPS request after a restore does not pay for it. It
   * holds no key and opens no connection; the HTTP clients are built on first use.
   */
  private static void primeTls() {
    try {
      javax.net.ssl.SSLContext.getDefault();
    } catch (java.security.NoSuchAlgorithmException e) {
      LOG.warnf("TLS context not initialized at start-up: %s", e.getMessage());
    }
  }

  /** The workflows this function runs. */
  public List<Workflow> workflows() {
    return workflows;
  }

  /**
   * Handles one invocation: an SQS batch of the shard queue (answered with the batch-item
   * failures), else a raw EventBridge event (answered with the JSON summary of what it did).
   */
  public String handle(String eventJson) {
    if (shards.isPresent() && ShardHandling.isSqsEvent(parseQuietly(eventJson))) {
      return shards.get().handle(eventJson);
    }
    Instant now = clock.instant();
    RunOptions options = options(now);
    EventHandling.Outcome outcome = handling.handle(eventJson, workflows, options, environment);
    for (RunReport report : outcome.reports()) {
      // One EMF line per run: CloudWatch turns it into the funnel metrics of the dashboard.
      System.out.println(EmfMetrics.of(report, now, json));
    }
    return summary(outcome);
  }

  private RunOptions options(Instant now) {
    return RunOptions.at(now).claimLease(config.claimLease()).baselineWait(config.baselineWait());
  }

  /** The event as JSON, or null when it is not JSON (the router then rejects it with a reason). */
  private JsonNode parseQuietly(String eventJson) {
    try {
      return json.readTree(eventJson);
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  private String summary(EventHandling.Outcome outcome) {
    ObjectNode out = json.createObjectNode();
    RoutedEvent routed = outcome.routed();
    out.put("outcome", outcomeName(routed));
    outcome.rejection().ifPresent(reason -> out.put("reason", reason));
    if (routed instanceof RoutedEvent.RunForImage image) {
      ObjectNode scope = out.putObject("scope");
      scope.put("event", image.kind().yamlName());
      scope.put("registry", image.image().registry());
      scope.put("repository", image.image().repository());
      scope.put("imageDigest", image.image().imageDigest());
    }
    if (routed instanceof RoutedEvent.UpdateInventory update) {
      out.put("containers", update.records().size());
    }
    ArrayNode runs = out.putArray("runs");
    for (RunReport report : outcome.reports()) {
      ObjectNode run = runs.addObject();
      run.put("workflow", report.workflow());
      run.put("runId", report.runId());
      ObjectNode funnel = run.putObject("funnel");
      for (FunnelStage stage : report.funnel()) {
        funnel.put(stage.stage(), stage.count());
      }
      run.set("skippedImages", json.valueToTree(report.skippedImages()));
      run.set("calls", json.valueToTree(report.calls()));
      ArrayNode errors = run.putArray("errors");
      report.errors().forEach(errors::add);
    }
    return out.toString();
  }

  private static String outcomeName(RoutedEvent routed) {
    if (routed instanceof RoutedEvent.RunWorkflow) {
      return "scheduled";
    }
    if (routed instanceof RoutedEvent.RunForImage) {
      return "scan";
    }
    if (routed instanceof RoutedEvent.UpdateInventory) {
      return "inventory";
    }
    return "rejected";
  }

  @Override
  public void close() {
    backends.close();
  }
}
