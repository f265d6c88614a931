package io.vulnsift.engine;

import static io.vulnsift.engine.Data.NOW;
import static io.vulnsift.engine.Data.critical;
import static io.vulnsift.engine.Data.pod;
import static java.time.Duration.ofDays;
import static java.time.Duration.ofHours;
import static java.time.Duration.ofMinutes;
import static org.assertj.core.api.Assertions.assertThat;

import io.vulnsift.model.InventoryRecord;
import io.vulnsift.workflow.Workflow;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The DynamoDB cost of delivering N new groups is within 10% of the minimum the data allows:
 * ⌈N/100⌉ batched reads, one conditional write (claim) per delivered action and one record. A count
 * of requests, not a time.
 */
class StateRequestCountTest {
  static final int GROUPS = 250;

  final TriageFixture fx = new TriageFixture();

  @AfterEach
  void close() throws Exception {
    fx.close();
  }

  @Test
  void deliveringNewGroupsCostsWithinTenPercentOfTheMinimum() {
    Workflow wf =
        TriageFixture.workflow(
            """
            name: cost
            steps:
              - type: filter
                name: production
                condition: '"production" in runtime.runningStages'
              - type: group
              - type: suppress-reported
            actions:
              - type: slack
                channel: "#alerts"
            """);
    fx.run(wf, NOW); // the first run: an empty history, nothing to deliver yet
    List<InventoryRecord> pods = new ArrayList<>();
    for (int i = 0; i < GROUPS; i++) {
      fx.findings.add(critical("CVE-2024-" + (20000 + i), "payments/api", 1000 + i, ofDays(3)));
      pods.add(pod(1000 + i, "api-" + i, "running", "production", ofMinutes(5)));
    }
    fx.inventory.upsert(pods);
    Map<String, Integer> before = new HashMap<>(fx.state.requestCounts());

    var report = fx.run(wf, NOW.plus(ofHours(1)));

    assertThat(report.count("delivered")).isEqualTo(GROUPS);
    int used =
        fx.state.requestCounts().entrySet().stream()
            .mapToInt(e -> e.getValue() - before.getOrDefault(e.getKey(), 0))
            .sum();
    int minimum = (GROUPS + 99) / 100 + GROUPS + GROUPS;
    assertThat(used).isBetween(minimum, (int) Math.floor(minimum * 1.10));
    assertThat(report.calls().get("state").values().stream().mapToInt(Integer::intValue).sum())
        .as("the run report counts the same requests")
        .isEqualTo(used);
    assertThat(report.capacity().get("state"))
        .as("consumed capacity, per operation")
        .containsKey("UpdateItem") // DynamoDB Local reports none for batch operations
        .allSatisfy((op, units) -> assertThat(units).isPositive());
  }
}
