package io.vulnsift.bench;

import io.vulnsift.actions.jira.JiraSettings;
import io.vulnsift.actions.slack.SlackSettings;
import io.vulnsift.engine.Outbox;
import io.vulnsift.engine.RunEnvironment;
import io.vulnsift.engine.RunOptions;
import io.vulnsift.engine.port.FindingSource;
import io.vulnsift.engine.report.RunReport;
import io.vulnsift.model.Finding;
import io.vulnsift.workflow.Workflow;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The engine with an in-memory source and state (SPEC §6): the findings of the running images as
 * vulnsift's parser produced them, the inventory in a hash map, the reported state in a hash map,
 * deliveries to an outbox file. What a run costs without any I/O but the outbox's few lines. Used
 * by {@link EndToEndBench} ({@code --mode in-process}) and the JMH {@code PipelineBench}.
 */
public final class InProcess implements AutoCloseable {

  public static final Instant NOW = Synthetic.NOW;

  final Synthetic estate;
  final List<Finding> findings;
  final InMemoryInventoryStore inventory;
  final BenchEngine engine = new BenchEngine(JiraSettings.NONE, SlackSettings.NONE);
  final Workflow workflow;
  final long inputBytes;
  private InMemoryStateStore state = new InMemoryStateStore();
  private final Path outbox;

  /** A synthetic estate of this size, with the shipped workflow (or one keeping every severity). */
  public InProcess(int findingCount, int inventoryRecords, boolean everySeverity) {
    this(new Synthetic(Synthetic.Shape.of(findingCount, inventoryRecords)), everySeverity);
  }

  InProcess(Synthetic estate, boolean everySeverity) {
    this.estate = estate;
    this.workflow = BenchEngine.shipped(null, everySeverity);
    long before = HeapMeter.retained();
    findings = estate.parsedFindings();
    inventory = new InMemoryInventoryStore(estate.inventory());
    inputBytes = HeapMeter.retained() - before;
    try {
      outbox = Files.createTempFile("vulnsift-bench-outbox", ".jsonl");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  RunEnvironment env() {
    FindingSource source =
        request -> new FindingSource.Fetched(findings, Map.of(), Map.of("memory", 1));
    return new RunEnvironment(
        source, inventory, state, Optional.of(new Outbox(outbox, BenchEngine.JSON)));
  }

  /** One run of the workflow. */
  public RunReport run(RunOptions options) {
    return engine.engine().run(workflow, options, env());
  }

  /** Empties the reported state: the next run is the workflow's first again. */
  public void forgetState() {
    state = new InMemoryStateStore();
  }

  @Override
  public void close() {
    try {
      Files.deleteIfExists(outbox);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
