package io.vulnsift.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code findings} on the demo data, as an SRE looks before automating: the runtime status and
 * stage filters give the designed numbers of {@code examples/README.md} in every format, and bad
 * filter values are one clear line.
 */
@QuarkusMainTest
class FindingsCommandTest {
  static final List<String> PRODUCTION_CRITICALS =
      List.of(
          "CVE-2022-22965", "CVE-2022-22965", "CVE-2022-42889", "CVE-2023-38545", "CVE-2024-45337");

  @TempDir Path tmp;

  private LaunchResult findings(QuarkusMainLauncher launcher, String... filters) {
    return Demo.findings(launcher, tmp.resolve("state"), filters);
  }

  @Test
  void aTableOfTheCriticalFindingsRunningInProduction(QuarkusMainLauncher launcher) {
    LaunchResult r =
        findings(
            launcher,
            "--runtime-status",
            "running",
            "--stage",
            "production",
            "--severity",
            "critical");

    assertThat(r.exitCode()).as(r.getErrorOutput()).isZero();
    List<String> lines = r.getOutput().lines().toList();
    assertThat(lines.get(0)).startsWith("SEVERITY").contains("RUNTIME", "STAGES", "PRODUCTS");
    List<String> rows = lines.subList(1, lines.size() - 1);
    assertThat(rows).hasSize(5).allSatisfy(l -> assertThat(l).contains(" running ", "production"));
    assertThat(rows.stream().map(l -> l.split(" +")[2]).toList())
        .containsExactlyInAnyOrderElementsOf(PRODUCTION_CRITICALS);
    // Short image ids, as `docker images` shows them.
    assertThat(rows.get(0)).containsPattern(" [0-9a-f]{12} ");
    assertThat(lines.get(lines.size() - 1)).isEqualTo("5 finding(s)");
    assertThat(tmp.resolve("state/outbox.jsonl")).doesNotExist();
  }

  @Test
  void csvAndJsonCarryTheRuntimeContext(QuarkusMainLauncher launcher) throws Exception {
    LaunchResult csv =
        findings(
            launcher, "--runtime-status", "running", "--stage", "production", "--format", "csv");
    LaunchResult json =
        findings(
            launcher, "--runtime-status", "running", "--stage", "production", "--format", "json");

    assertThat(csv.exitCode()).as(csv.getErrorOutput()).isZero();
    List<String> lines = csv.getOutput().lines().toList();
    assertThat(lines.get(0))
        .isEqualTo(
            "severity,cvss,vulnerability,package,version,repository,digest,runtime,stages,"
                + "products,clusters,workloads");
    assertThat(lines.subList(1, lines.size()))
        .isNotEmpty()
        .allSatisfy(
            l -> assertThat(l).contains("\"running\"", "production", "\"local\"", "sha256:"));
    assertThat(json.exitCode()).as(json.getErrorOutput()).isZero();
    JsonNode rows = new ObjectMapper().readTree(json.getOutput());
    assertThat(rows.size()).isEqualTo(lines.size() - 1);
    List<String> critical = new ArrayList<>();
    for (JsonNode row : rows) {
      assertThat(row.get("runtimeStatus").asText()).isEqualTo("running");
      assertThat(row.get("stages").toString()).contains("\"production\"");
      assertThat(row.get("products")).isNotEmpty();
      assertThat(row.get("clusters").toString()).isEqualTo("[\"local\"]");
      if (row.at("/finding/severity").asText().equals("CRITICAL")) {
        critical.add(row.at("/finding/vulnerabilityId").asText());
      }
    }
    assertThat(critical).containsExactlyInAnyOrderElementsOf(PRODUCTION_CRITICALS);
  }

  @Test
  void runningAndNotRunningSplitEveryCurrentFinding(QuarkusMainLauncher launcher) throws Exception {
    ObjectMapper json = new ObjectMapper();
    JsonNode all = json.readTree(findings(launcher, "--format", "json").getOutput());
    JsonNode running =
        json.readTree(
            findings(launcher, "--runtime-status", "running", "--format", "json").getOutput());
    JsonNode notRunning =
        json.readTree(
            findings(launcher, "--runtime-status", "Not Running", "--format", "json").getOutput());

    assertThat(all.size()).isEqualTo(120);
    assertThat(running.size() + notRunning.size()).isEqualTo(all.size());
    notRunning.forEach(r -> assertThat(r.get("runtimeStatus").asText()).isEqualTo("not running"));
  }

  @Test
  void aBadFilterValueIsOneClearLine(QuarkusMainLauncher launcher) {
    LaunchResult severity = findings(launcher, "--severity", "urgent");
    LaunchResult status = findings(launcher, "--runtime-status", "sleeping");

    assertThat(severity.exitCode()).isEqualTo(2);
    assertThat(severity.getErrorOutput())
        .contains("--severity: 'urgent' is not one of [UNDEFINED, UNTRIAGED,");
    assertThat(status.exitCode()).isEqualTo(2);
    assertThat(status.getErrorOutput())
        .contains("--runtime-status: 'sleeping' is neither 'running' nor 'not running'");
  }
}
