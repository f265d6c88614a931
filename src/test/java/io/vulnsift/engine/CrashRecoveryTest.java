package io.vulnsift.engine;

import static io.vulnsift.engine.Data.NOW;
import static io.vulnsift.engine.Data.critical;
import static io.vulnsift.engine.Data.pod;
import static java.time.Duration.ofHours;
import static java.time.Duration.ofMinutes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.vulnsift.engine.CrashingStateStore.Boundary;
import io.vulnsift.engine.port.StateStore.DeliveryStatus;
import io.vulnsift.engine.report.RunReport;
import io.vulnsift.workflow.Workflow;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * SPEC §3: a crash at any point of a delivery — after the claim, after the side effect, after the
 * record — followed by a recovery run once the claim's lease expired: nothing lost, nothing
 * delivered twice.
 */
class CrashRecoveryTest {
  static final int GROUPS = 3;
  static final int ACTIONS = 2;

  final TriageFixture fx = new TriageFixture();
  final Workflow wf = TriageFixture.workflow(TriageSemanticsTest.WORKFLOW);

  @AfterEach
  void close() throws Exception {
    fx.close();
  }

  static Stream<Arguments> crashes() {
    return Stream.of(Boundary.AFTER_CLAIM, Boundary.AFTER_SIDE_EFFECT, Boundary.AFTER_RECORD)
        .flatMap(b -> IntStream.range(0, GROUPS * ACTIONS).mapToObj(k -> Arguments.of(b, k)));
  }

  @ParameterizedTest(name = "crash {0} of delivery #{1}")
  @MethodSource("crashes")
  void aCrashedRunLosesNothingAndDuplicatesNothing(Boundary boundary, int delivery) {
    for (int image = 1; image <= GROUPS; image++) {
      fx.findings.add(critical("CVE-2024-900" + image, "payments/api", image, ofHours(2)));
      fx.inventory(pod(image, "api-" + image, "running", "production", ofMinutes(5)));
    }
    CrashingStateStore crashing = new CrashingStateStore(fx.state, boundary, delivery);

    assertThatThrownBy(() -> fx.run(wf, RunOptions.at(NOW), crashing))
        .isInstanceOf(CrashingStateStore.Crash.class);

    // A run while the dead run's lease is live leaves its delivery alone.
    RunReport during = fx.run(wf, NOW.plus(ofMinutes(1)));
    assertThat(during.errors()).isEmpty();
    // Once the lease (5 minutes) has expired, the delivery is taken over and finished.
    RunReport recovery = fx.run(wf, NOW.plus(ofMinutes(10)));
    assertThat(recovery.errors()).isEmpty();

    assertThat(deliveriesPerGroupAndAction())
        .as("every (group, action) in the outbox exactly once")
        .hasSize(GROUPS * ACTIONS)
        .allSatisfy((k, n) -> assertThat(n).as(k).isEqualTo(1L));
    var states =
        fx.state.load(
            wf.name(),
            recovery.groups().stream().map(g -> g.fingerprint()).toList(),
            NOW.plus(ofMinutes(10)));
    assertThat(states.values())
        .hasSize(GROUPS)
        .allSatisfy(
            st ->
                assertThat(st.deliveries().values())
                    .extracting(d -> d.status())
                    .containsOnly(DeliveryStatus.DELIVERED)
                    .hasSize(ACTIONS));
    RunReport after = fx.run(wf, NOW.plus(ofHours(1)));
    assertThat(after.count("new")).isZero();
  }

  @ParameterizedTest(name = "record of delivery #{0} refused")
  @ValueSource(ints = {0, 3, 5})
  void aDeliveryWhoseRecordIsRefusedIsNeitherReportedFailedNorSentAgain(int delivery) {
    for (int image = 1; image <= GROUPS; image++) {
      fx.findings.add(critical("CVE-2024-910" + image, "payments/api", image, ofHours(2)));
      fx.inventory(pod(image, "api-" + image, "running", "production", ofMinutes(5)));
    }
    CrashingStateStore refusing =
        new CrashingStateStore(fx.state, Boundary.RECORD_REFUSED, delivery);

    RunReport first = fx.run(wf, RunOptions.at(NOW), refusing);
    RunReport recovery = fx.run(wf, NOW.plus(ofMinutes(10)));

    // The run goes on, says what happened, and the claim stays unfinished (not FAILED, which
    // the next run would send again blind): after its lease, the delivery is resumed, not resent.
    assertThat(first.errors()).singleElement().asString().contains("not recorded");
    assertThat(first.count("delivered")).isEqualTo(GROUPS);
    assertThat(recovery.errors()).isEmpty();
    assertThat(deliveriesPerGroupAndAction())
        .hasSize(GROUPS * ACTIONS)
        .allSatisfy((k, n) -> assertThat(n).as(k).isEqualTo(1L));
  }

  /**
   * A run's clock stands still for the whole run, yet a claim taken late in a long run must be held
   * for its full lease from the moment it is taken: else a run started a little later — whose clock
   * is ahead — finds it expired and delivers the group a second time while the first is still at it
   * (found by the end-to-end fault suite, {@code e2e.ConcurrentRunsIT}).
   */
  @Test
  void aClaimTakenLateInARunIsHeldForItsWholeLease() throws InterruptedException {
    fx.findings.add(critical("CVE-2024-9001", "payments/api", 1, ofHours(2)));
    fx.inventory(pod(1, "api-1", "running", "production", ofMinutes(5)));
    RunOptions started = RunOptions.at(NOW);
    // The run has been busy for a while (fetching, delivering other groups) before it claims.
    Thread.sleep(2_000);
    CrashingStateStore crashing = new CrashingStateStore(fx.state, Boundary.AFTER_CLAIM, 0);
    assertThatThrownBy(() -> fx.run(wf, started, crashing))
        .isInstanceOf(CrashingStateStore.Crash.class);

    // A run whose clock is one second past NOW + lease: the claim, taken two seconds into the
    // first run, is still held, so only the other action is delivered.
    fx.run(wf, NOW.plus(ofMinutes(5)).plusSeconds(1));
    assertThat(fx.outbox()).hasSize(ACTIONS - 1);

    // Once that lease has run out too, the delivery is taken over.
    fx.run(wf, NOW.plus(ofMinutes(6)));
    assertThat(deliveriesPerGroupAndAction())
        .hasSize(ACTIONS)
        .allSatisfy((k, n) -> assertThat(n).as(k).isEqualTo(1L));
  }

  private Map<String, Long> deliveriesPerGroupAndAction() {
    Function<JsonNode, String> id =
        l -> l.get("key").get("vulnerabilityId").asText() + "/" + l.get("actionId").asText();
    List<JsonNode> lines = fx.outbox();
    return lines.stream().collect(Collectors.groupingBy(id, Collectors.counting()));
  }
}
