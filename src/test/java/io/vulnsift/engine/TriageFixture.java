package io.vulnsift.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vulnsift.aws.DynamoDbTables;
import io.vulnsift.aws.LocalDynamoDb;
import io.vulnsift.engine.port.FindingSource;
import io.vulnsift.engine.report.RunReport;
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
  static final ObjectMapper JSON = TestEngines.JSON;

  final LocalDynamoDb db = LocalDynamoDb.inMemory();
  final DynamoDbInventoryStore inventory;
  final DynamoDbStateStore state;
  final Path outboxFile;
  final Engine engine;
  final List<Finding> findings = new ArrayList<>();

  TriageFixture() {
    this(TestEngines.outboxHandlers());
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
    engine = TestEngines.with(handlers);
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
    return TestEngines.outbox(outboxFile);
  }

  @Override
  public void close() throws IOException {
    db.close();
    Files.deleteIfExists(outboxFile);
  }
}
