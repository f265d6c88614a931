package io.vulnsift.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import io.vulnsift.engine.EmfAssert;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run --emf} prints, per workflow, one log line CloudWatch accepts as Embedded Metric
 * Format, with the numbers of the run report.
 */
@QuarkusMainTest
class EmfOutputTest {
  @TempDir Path tmp;

  @Test
  void eachRunPrintsOneValidEmfLineWithItsFunnel(QuarkusMainLauncher launcher) throws Exception {
    Path report = tmp.resolve("report.json");
    LaunchResult r =
        Demo.run(launcher, tmp.resolve("state"), "--emf", "--report-out", report.toString());

    assertThat(r.exitCode()).as(r.getErrorOutput()).isZero();
    ObjectMapper json = new ObjectMapper();
    List<String> lines = r.getOutput().lines().filter(l -> l.startsWith("{\"_aws\"")).toList();
    assertThat(lines).hasSize(1);
    JsonNode emf = json.readTree(lines.get(0));
    assertThat(EmfAssert.violations(emf)).isEmpty();
    assertThat(emf.get("workflow").asText()).isEqualTo("critical-production");
    JsonNode funnel = json.readTree(report.toFile()).get("funnel");
    for (JsonNode stage : funnel) {
      assertThat(emf.get("funnel." + stage.get("stage").asText()).asInt())
          .as(stage.get("stage").asText())
          .isEqualTo(stage.get("count").asInt());
    }
    // The demo's three alerts, each to Jira and Slack (the outbox here).
    assertThat(emf.get("deliveries").asInt()).isEqualTo(6);
    assertThat(emf.get("deliveryFailures").asInt()).isZero();
  }
}
