package io.vulnsift.shards;

import static org.assertj.core.api.Assertions.assertThat;

import io.vulnsift.aws.DynamoDbTables;
import io.vulnsift.aws.LocalDynamoDb;
import io.vulnsift.engine.Collected;
import io.vulnsift.engine.Enriched;
import io.vulnsift.engine.report.FunnelStage;
import io.vulnsift.model.Finding;
import io.vulnsift.model.InventoryRecord;
import io.vulnsift.model.RuntimeContext;
import io.vulnsift.shards.DynamoDbShardRuns.Claim;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The items of sharded runs on DynamoDB Local. */
class DynamoDbShardRunsTest {
  static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");

  final LocalDynamoDb db = LocalDynamoDb.inMemory();
  final DynamoDbShardRuns runs;

  DynamoDbShardRunsTest() {
    DynamoDbTables.createIfMissing(db.client(), "inventory", "state", false);
    runs = new DynamoDbShardRuns(db.client(), "state");
  }

  @AfterEach
  void close() {
    db.close();
  }

  @Test
  void aPartLargerThanAnItemIsSavedInChunksAndReadBackWhole() {
    runs.open("wf", "run-1", 2, NOW);
    Collected big = part(1500, 1);
    Collected small = part(3, 2);

    assertThat(runs.save("wf", "run-1", 0, "attempt-a", big, NOW)).isTrue();
    assertThat(runs.save("wf", "run-1", 1, "attempt-b", small, NOW)).isTrue();

    assertThat(ShardChunks.chunks(big.findings()))
        .as("several chunks, each under the item limit")
        .hasSizeGreaterThan(2)
        .allSatisfy(c -> assertThat(c.length).isLessThanOrEqualTo(ShardChunks.MAX_CHUNK_BYTES));
    assertThat(runs.parts("wf", "run-1", 2)).containsExactly(big, small);
  }

  @Test
  void theFirstAttemptToSaveAShardIsTheOneKept() {
    runs.open("wf", "run-1", 1, NOW);
    Collected first = part(5, 1);
    Collected second = part(7, 3);

    assertThat(runs.save("wf", "run-1", 0, "attempt-a", first, NOW)).isTrue();
    assertThat(runs.save("wf", "run-1", 0, "attempt-b", second, NOW)).isFalse();

    assertThat(runs.parts("wf", "run-1", 1)).containsExactly(first);
  }

  @Test
  void aShardCountsOnceAndTheDecisionIsClaimedOnceTheSetIsComplete() {
    runs.open("wf", "run-1", 2, NOW);
    runs.open("wf", "run-1", 5, NOW); // a retried start changes nothing

    assertThat(runs.claimDecision("wf", "run-1", 2, "a", NOW, Duration.ofMinutes(15)))
        .isEqualTo(Claim.NOT_READY);
    assertThat(runs.markDone("wf", "run-1", 1).orElseThrow().done()).containsExactly(1);
    assertThat(runs.markDone("wf", "run-1", 1).orElseThrow().complete()).isFalse();
    assertThat(runs.markDone("wf", "run-1", 0).orElseThrow().complete()).isTrue();
    assertThat(runs.markDone("wf", "run-1", 0).orElseThrow().done())
        .containsExactlyInAnyOrder(0, 1);

    assertThat(runs.claimDecision("wf", "run-1", 2, "a", NOW, Duration.ofMinutes(15)))
        .isEqualTo(Claim.CLAIMED);
    assertThat(runs.claimDecision("wf", "run-1", 2, "b", NOW, Duration.ofMinutes(15)))
        .isEqualTo(Claim.HELD);
    // A decider that crashed without giving up is taken over once its lease ran out.
    Instant later = NOW.plus(Duration.ofMinutes(16));
    assertThat(runs.claimDecision("wf", "run-1", 2, "b", later, Duration.ofMinutes(15)))
        .isEqualTo(Claim.CLAIMED);
    runs.release("wf", "run-1", "a"); // not a's any more: changes nothing
    assertThat(runs.claimDecision("wf", "run-1", 2, "c", later, Duration.ofMinutes(15)))
        .isEqualTo(Claim.HELD);
    runs.decided("wf", "run-1", "b", later);

    assertThat(runs.claimDecision("wf", "run-1", 2, "c", later, Duration.ofHours(1)))
        .isEqualTo(Claim.DECIDED);
    assertThat(runs.state("wf", "run-1").orElseThrow().decided()).isTrue();
    assertThat(runs.state("wf", "run-2")).isEmpty();
    assertThat(runs.markDone("wf", "run-2", 0)).isEmpty();
  }

  /** {@code n} findings with incompressible 1 KB descriptions, half of them on running images. */
  static Collected part(int n, long seed) {
    Random random = new Random(seed);
    List<Enriched> findings = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      byte[] noise = new byte[512];
      random.nextBytes(noise);
      String digest = "sha256:" + String.format("%064x", i / 3 + seed * 100_000);
      Finding f =
          new Finding(
              "CVE-2026-" + i,
              "title " + i,
              HexFormat.of().formatHex(noise),
              "CRITICAL",
              i % 2 == 0 ? 9.8 : null,
              null,
              "pkg-" + i,
              "1." + i,
              null,
              "YES",
              null,
              null,
              "https://nvd.nist.gov/vuln/detail/CVE-2026-" + i,
              "123456789012",
              "repo-" + (i % 7),
              digest,
              List.of("v" + i),
              NOW.minusSeconds(i),
              NOW,
              Finding.ScanType.ENHANCED,
              null,
              null);
      // One context per digest, as the engine's enrichment makes them.
      RuntimeContext rt =
          (i / 3) % 2 == 0
              ? RuntimeContext.NONE
              : new RuntimeContext(
                  List.of(
                      new InventoryRecord(
                          digest,
                          "c-" + i / 3,
                          "123456789012",
                          "repo",
                          "repo",
                          "prod-eu",
                          "ns",
                          "svc",
                          "app",
                          "running",
                          "production",
                          "shop",
                          "1.0",
                          "team",
                          NOW,
                          NOW.plus(Duration.ofDays(2)),
                          "kubernetes")));
      findings.add(new Enriched(f, rt));
    }
    return new Collected(
        findings,
        List.of(new FunnelStage("fetched", "findings", n, 0, null)),
        Map.of("stale", (int) seed),
        Map.of("plan:sweep", 1),
        Map.of("inventory", Map.of("Query", 2)),
        Map.of("inventory", Map.of("Query", 1.5)));
  }
}
