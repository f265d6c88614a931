package io.vulnsift.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.vulnsift.actions.jira.JiraActionHandler;
import io.vulnsift.actions.jira.JiraSettings;
import io.vulnsift.actions.slack.SlackActionHandler;
import io.vulnsift.actions.slack.SlackSettings;
import io.vulnsift.aws.DynamoDbTables;
import io.vulnsift.aws.LocalDynamoDb;
import io.vulnsift.engine.port.FindingSource;
import io.vulnsift.engine.report.RunReport;
import io.vulnsift.engine.steps.BaselineGate;
import io.vulnsift.engine.steps.FilterStepExecutor;
import io.vulnsift.engine.steps.GroupStepExecutor;
import io.vulnsift.engine.steps.SuppressReportedExecutor;
import io.vulnsift.inventory.DynamoDbInventoryStore;
import io.vulnsift.model.Finding;
import io.vulnsift.model.InventoryRecord;
import io.vulnsift.state.DynamoDbStateStore;
import io.vulnsift.workflow.Workflow;
import io.vulnsift.workflow.WorkflowLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The engine wired to real adapters: DynamoDB Local (in-process, in memory) behind the state and
 * the inventory, the real Jira and Slack handlers delivering to an outbox file. Findings are
 * hand-made records, so each test states exactly the data a rule is about.
 */
final class TriageFixture implements AutoCloseable {
  static final ObjectMapper JSON =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .enable(com.fasterxml.jackson.databind.SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
          .disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  final LocalDynamoDb db = LocalDynamoDb.inMemory();
  final DynamoDbInventoryStore inventory;
  final DynamoDbStateStore state;
  final Path outboxFile;
  final Engine engine;
  final List<Finding> findings = new ArrayList<>();

  TriageFixture() {
    this(
        List.of(
            new JiraActionHandler(JiraSettings.NONE), new SlackActionHandler(SlackSettings.NONE)));
  }

  /** With these action handlers instead of the outbox-bound Jira and Slack ones. */
  TriageFixture(List<? extends ActionHandler<?>> handlers) {
    DynamoDbTables.createIfMissing(db.client(), "inventory", "state", false);
    inventory = new DynamoDbInventoryStore(db.client(), "inventory");
    state = new DynamoDbStateStore(db.client(), "state");
    try {
      outboxFile = Files.createTempFile("outbox", ".jsonl");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    engine = newEngine(handlers);
  }

  static Engine newEngine() {
    return newEngine(
        List.of(
            new JiraActionHandler(JiraSettings.NONE), new SlackActionHandler(SlackSettings.NONE)));
  }

  static Engine newEngine(List<? extends ActionHandler<?>> handlers) {
    StepRegistry steps =
        new StepRegistry(
            List.of(
                new FilterStepExecutor(),
                new GroupStepExecutor(),
                new SuppressReportedExecutor(new BaselineGate(), JSON)));
    ActionRegistry actions = new ActionRegistry(handlers);
    return new Engine(steps, new Deliveries(actions), new FollowUps(actions));
  }

  static Workflow workflow(String yaml) {
    return new WorkflowLoader().parse("test.yaml", yaml);
  }

  void inventory(InventoryRecord... records) {
    inventory.upsert(List.of(records));
  }

  RunReport run(Workflow wf, Instant now) {
    return run(wf, RunOptions.at(now));
  }

  RunReport run(Workflow wf, RunOptions options) {
    return run(wf, options, state);
  }

  /** A run against another view of the state (e.g. one that crashes at a chosen boundary). */
  RunReport run(Workflow wf, RunOptions options, io.vulnsift.engine.port.StateStore state) {
    FindingSource source =
        request ->
            new FindingSource.Fetched(List.copyOf(findings), Map.of(), Map.of("test.source", 1));
    RunEnvironment env =
        new RunEnvironment(source, inventory, state, Optional.of(new Outbox(outboxFile, JSON)));
    return engine.run(wf, options.claimLease(Duration.ofMinutes(5)), env);
  }

  List<JsonNode> outbox() {
    try {
      List<JsonNode> out = new ArrayList<>();
      for (String line : Files.readAllLines(outboxFile)) {
        out.add(JSON.readTree(line));
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() throws IOException {
    db.close();
    Files.deleteIfExists(outboxFile);
  }
}
