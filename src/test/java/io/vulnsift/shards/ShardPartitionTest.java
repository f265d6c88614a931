package io.vulnsift.shards;

import static io.vulnsift.shards.ShardFixture.NOW;
import static io.vulnsift.shards.ShardFixture.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vulnsift.actions.Fixtures;
import io.vulnsift.engine.Collected;
import io.vulnsift.engine.Enriched;
import io.vulnsift.engine.port.FindingSource;
import io.vulnsift.engine.port.FindingSource.Shard;
import io.vulnsift.model.Finding;
import io.vulnsift.sources.ecr.EcrPlan;
import io.vulnsift.sources.ecr.FakeEcr;
import io.vulnsift.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Shards partition the registry by repository, also for a source that knows nothing of shards. */
class ShardPartitionTest {

  @Test
  void everyRepositoryBelongsToExactlyOneShard() {
    List<String> names = new ArrayList<>(List.of("", "payments/api", "a", "ünïcode/repo"));
    IntStream.range(0, 200).forEach(i -> names.add("team-" + i % 13 + "/svc-" + i));
    for (int n : new int[] {1, 2, 7, 1000}) {
      for (String name : names) {
        long owners = IntStream.range(0, n).filter(i -> new Shard(i, n).owns(name)).count();
        assertThat(owners).as("%s in %d shards", name, n).isEqualTo(1);
      }
    }
    assertThat(new Shard(0, 3).owns(null)).isEqualTo(new Shard(0, 3).owns(""));
    assertThatThrownBy(() -> new Shard(3, 3)).hasMessageContaining("need 0 <= index < count");
  }

  @Test
  void theEngineSplitsTheFindingsOfASourceThatDoesNotShardByRepository() throws Exception {
    try (FakeEcr ecr = FakeEcr.start(ShardFixture.ACCOUNT);
        ShardFixture fx = new ShardFixture(ecr, EcrPlan.SWEEP)) {
      fx.inventory.upsert(ShardFixture.containers(NOW.minus(Duration.ofMinutes(10))));
      List<Finding> all = new ArrayList<>();
      for (int r = 0; r < ShardFixture.REPOSITORIES; r++) {
        all.add(finding(r, "CVE-2026-1" + r % 4));
      }
      FindingSource plain = request -> new FindingSource.Fetched(all, Map.of(), Map.of("file", 1));
      Workflow wf = ShardFixture.workflow();
      Collected whole =
          fx.engine.collect(wf, options(NOW), fx.env(plain, fx.state), new Shard(0, 1));

      List<Collected> parts = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        parts.add(fx.engine.collect(wf, options(NOW), fx.env(plain, fx.state), new Shard(i, 4)));
      }
      Collected union = Collected.merge(parts);

      assertThat(parts)
          .allSatisfy(p -> assertThat(p.funnel().get(0).count()).isLessThan(all.size()));
      assertThat(union.funnel()).isEqualTo(whole.funnel());
      assertThat(union.findings().stream().map(Enriched::finding))
          .containsExactlyInAnyOrderElementsOf(
              whole.findings().stream().map(Enriched::finding).toList());
    }
  }

  static Finding finding(int r, String cve) {
    return Fixtures.bareFinding(
        cve,
        cve + " - openssl",
        "",
        ShardFixture.ACCOUNT,
        ShardFixture.repository(r),
        ShardFixture.digest(r, 0),
        NOW.minus(Duration.ofHours(2)),
        NOW.minus(Duration.ofHours(1)),
        Finding.ScanType.BASIC);
  }
}
