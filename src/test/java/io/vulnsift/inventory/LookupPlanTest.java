package io.vulnsift.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class LookupPlanTest {

  static TableStats table(long items, long bytes) {
    return new TableStats(items, bytes, true, Instant.EPOCH);
  }

  @Test
  void fewDigestsAreQueriedManyAreScanned() {
    // 100,000 items of ~400 B: 40 MB, 9,766 read units for a Scan of it all.
    TableStats stats = table(100_000, 40_000_000);

    assertThat(LookupPlan.choose(1_000, stats).strategy()).isEqualTo("query");
    assertThat(LookupPlan.choose(9_766, stats).strategy()).as("a tie queries").isEqualTo("query");
    LookupPlan scan = LookupPlan.choose(9_767, stats);
    assertThat(scan.strategy()).isEqualTo("scan");
    assertThat(scan.scanUnits()).isEqualTo(9_766);
    assertThat(scan.queryUnits()).isEqualTo(9_767);
    assertThat(scan.segments()).as("38 pages: 3 segments of 10+ pages").isEqualTo(3);
  }

  @Test
  void anUnknownOrEmptyTableIsQueried() {
    // DescribeTable's counts lag by up to six hours: zero may mean "not counted yet".
    assertThat(LookupPlan.choose(50_000, table(0, 0)).strategy()).isEqualTo("query");
    assertThat(LookupPlan.choose(50_000, null).strategy()).isEqualTo("query");
  }

  @Test
  void aSmallTableIsScannedInOneSegment() {
    LookupPlan plan = LookupPlan.choose(10, table(50, 20_000));

    assertThat(plan.strategy()).isEqualTo("scan");
    assertThat(plan.segments()).isEqualTo(1);
    assertThat(LookupPlan.segments(19L << 20)).isEqualTo(1);
    assertThat(LookupPlan.segments(20L << 20)).isEqualTo(2);
    assertThat(LookupPlan.segments(10L << 30)).as("at most the read concurrency").isEqualTo(8);
  }
}
