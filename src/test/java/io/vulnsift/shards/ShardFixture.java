package io.vulnsift.shards;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vulnsift.aws.DynamoDbTables;
import io.vulnsift.aws.LocalDynamoDb;
import io.vulnsift.engine.Engine;
import io.vulnsift.engine.Outbox;
import io.vulnsift.engine.RunEnvironment;
import io.vulnsift.engine.RunOptions;
import io.vulnsift.engine.TestEngines;
import io.vulnsift.engine.port.FindingSource;
import io.vulnsift.engine.port.StateStore;
import io.vulnsift.inventory.DynamoDbInventoryStore;
import io.vulnsift.model.InventoryRecord;
import io.vulnsift.sources.ecr.EcrFindingSource;
import io.vulnsift.sources.ecr.EcrPlan;
import io.vulnsift.sources.ecr.EcrSettings;
import io.vulnsift.sources.ecr.EcrTestClients;
import io.vulnsift.sources.ecr.FakeEcr;
import io.vulnsift.sources.ecr.FakeFindings;
import io.vulnsift.state.DynamoDbStateStore;
import io.vulnsift.workflow.Workflow;
import io.vulnsift.workflow.WorkflowLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One vulnsift deployment for shard tests, all real parts: DynamoDB Local (in memory) behind the
 * inventory, the reported state and the shard runs; the ECR source through the SDK against a {@link
 * FakeEcr} registry of many repositories; the real Jira and Slack handlers delivering to an outbox
 * file, which counts deliveries.
 */
public final class ShardFixture implements AutoCloseable {
  public static final String ACCOUNT = "123456789012";
  public static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");
  public static final int REPOSITORIES = 24;

  static final ObjectMapper JSON = TestEngines.JSON;

  /**
   * Filters on the runtime, groups across repositories (so one group's images lie in several
   * shards), takes a baseline on its first run and resolves after 24h.
   */
  public static final String WORKFLOW =
      """
      name: fleet
      source:
        lookback: 7d
        severities: [CRITICAL]
      steps:
        - type: filter
          name: running
          condition: runtime.running
        - type: filter
          name: production
          condition: '"production" in runtime.runningStages'
        - type: group
          by: [vulnerabilityId, packageName, packageVersion]
        - type: suppress-reported
          reportWindow: 24h
          resolveAfter: 24h
      actions:
        - type: jira
          project: SEC
        - type: slack
          channel: "#security-alerts"
          floodCap: 100
      """;

  final LocalDynamoDb db = LocalDynamoDb.inMemory();
  public final DynamoDbInventoryStore inventory;
  public final DynamoDbStateStore state;
  public final DynamoDbShardRuns runs;
  public final Engine engine = TestEngines.with(TestEngines.outboxHandlers());
  final Path outboxFile;
  final EcrFindingSource source;

  public ShardFixture(FakeEcr ecr, EcrPlan plan) {
    DynamoDbTables.createIfMissing(db.client(), "inventory", "state", false);
    inventory = new DynamoDbInventoryStore(db.client(), "inventory");
    state = new DynamoDbStateStore(db.client(), "state");
    runs = new DynamoDbShardRuns(db.client(), "state");
    source = EcrTestClients.source(new EcrSettings(null, null, 4, plan), ecr);
    try {
      outboxFile = Files.createTempFile("outbox", ".jsonl");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static Workflow workflow() {
    return new WorkflowLoader().parse("fleet.yaml", WORKFLOW);
  }

  public RunEnvironment env() {
    return env(source, state);
  }

  public RunEnvironment env(FindingSource findings, StateStore reported) {
    return new RunEnvironment(
        findings, inventory, reported, Optional.of(new Outbox(outboxFile, JSON)));
  }

  public static RunOptions options(Instant now) {
    return RunOptions.at(now).claimLease(Duration.ofMinutes(5)).baselineWait(Duration.ZERO);
  }

  /** A worker of this deployment, with the run's clock as its wall clock (a replay). */
  public ShardWorker worker(ShardQueue queue, RunEnvironment env, Instant now) {
    return new ShardWorker(
        engine,
        runs,
        queue,
        List.of(workflow()),
        env,
        options(now),
        Clock.fixed(now, ZoneOffset.UTC));
  }

  /**
   * The registry: {@value #REPOSITORIES} repositories of two images each, with CVEs from a small
   * pool so that most groups span repositories (and shards); some HIGH findings, some images
   * scanned days ago (first-run baseline) or weeks ago (not current).
   */
  public static void registry(FakeEcr ecr) {
    for (int r = 0; r < REPOSITORIES; r++) {
      for (int i = 0; i < 2; i++) {
        String repo = repository(r);
        FakeEcr.Image image = ecr.image(ACCOUNT, repo, digest(r, i));
        image.completedAt(NOW.minus(r % 4 == 0 ? Duration.ofDays(3) : Duration.ofHours(2 + i)));
        if (r % 9 == 5) {
          image.completedAt(NOW.minus(Duration.ofDays(10)));
        }
        int a = (r + i) % 7;
        int b = (3 * r + i) % 11 + 20;
        image.basic(FakeFindings.basic("CVE-2026-10" + a, "pkg-" + a, "1." + a));
        image.basic(FakeFindings.basic("CVE-2026-10" + b, "pkg-" + b, "2." + b));
        if ((r + i) % 5 == 0) {
          image.basic(
              FakeFindings.basic("CVE-2026-9" + r, "pkg-h" + r, "3.0").put("severity", "HIGH"));
        }
      }
    }
  }

  /**
   * Containers at {@code seen}: every first image runs (in production, or in staging for every
   * third repository), the second image of even repositories runs in production too.
   */
  public static List<InventoryRecord> containers(Instant seen) {
    List<InventoryRecord> out = new ArrayList<>();
    for (int r = 0; r < REPOSITORIES; r++) {
      out.add(container(r, 0, r % 3 == 0 ? "staging" : "production", seen));
      if (r % 2 == 0) {
        out.add(container(r, 1, "production", seen));
      }
    }
    return out;
  }

  public static InventoryRecord container(int r, int image, String stage, Instant seen) {
    String repo = repository(r);
    return new InventoryRecord(
        digest(r, image),
        "c-" + r + "-" + image,
        ACCOUNT,
        repo,
        ACCOUNT + ".dkr.ecr.us-east-1.amazonaws.com/" + repo,
        "prod-eu",
        "team-" + (r % 6),
        "svc-" + r,
        "app",
        "running",
        stage,
        "shop",
        "1.0",
        "team-" + (r % 6),
        seen,
        seen.plus(Duration.ofDays(2)),
        "kubernetes");
  }

  public static String repository(int r) {
    return "team-" + (r % 6) + "/svc-" + r;
  }

  public static String digest(int r, int image) {
    return FakeEcr.digest(repository(r) + "/" + image);
  }

  public List<JsonNode> outbox() {
    return TestEngines.outbox(outboxFile);
  }

  /** (vulnerability, action) → how many times the outbox received its alert (not follow-ups). */
  public Map<String, Long> deliveries() {
    Function<JsonNode, String> id =
        l -> l.get("key").get("vulnerabilityId").asText() + "/" + l.get("actionId").asText();
    return outbox().stream()
        .filter(l -> !l.has("target"))
        .collect(Collectors.groupingBy(id, Collectors.counting()));
  }

  @Override
  public void close() throws IOException {
    source.close();
    db.close();
    Files.deleteIfExists(outboxFile);
  }
}
