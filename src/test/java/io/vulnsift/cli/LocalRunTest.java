package io.vulnsift.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's first command, as a newcomer runs it: the shipped workflow on {@code examples/} with
 * {@code --local}. The first run prints the funnel and the alerts and matches the golden plan; the
 * second run over the same state reports nothing new.
 */
@QuarkusMainTest
class LocalRunTest {
  static final Path GOLDEN = Path.of("src/test/resources/golden/critical-production.plan.jsonl");

  @TempDir Path tmp;

  private LaunchResult run(QuarkusMainLauncher launcher, String... extra) {
    return Demo.run(launcher, tmp.resolve("state"), extra);
  }

  @Test
  void theFirstRunAlertsAndMatchesTheGoldenPlanTheSecondIsSilent(QuarkusMainLauncher launcher)
      throws IOException {
    Path plan = tmp.resolve("plan.jsonl");
    Path report = tmp.resolve("report.json");

    LaunchResult first =
        run(launcher, "--plan-out", plan.toString(), "--report-out", report.toString());

    assertThat(first.exitCode()).as(first.getErrorOutput()).isZero();
    assertThat(first.getOutput()).contains("fetched", "severity", "production", "alerts:");
    if (Boolean.getBoolean("update.golden")) {
      Files.createDirectories(GOLDEN.getParent());
      Files.copy(plan, GOLDEN, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
    assertThat(Files.readAllLines(plan))
        .as("plan differs from %s (regenerate with -Dupdate.golden=true)", GOLDEN)
        .containsExactlyElementsOf(Files.readAllLines(GOLDEN));
    assertThat(Files.readString(report)).contains("\"funnel\"");
    List<String> outbox = Files.readAllLines(tmp.resolve("state/outbox.jsonl"));
    assertThat(outbox).isNotEmpty();

    LaunchResult second = run(launcher);

    assertThat(second.exitCode()).isZero();
    assertThat(second.getOutput()).contains("nothing new to alert");
    assertThat(Files.readAllLines(tmp.resolve("state/outbox.jsonl"))).hasSameSizeAs(outbox);
  }

  @Test
  void aDryRunPrintsThePlanAndWritesNothing(QuarkusMainLauncher launcher) {
    LaunchResult dry = run(launcher, "--dry-run");

    assertThat(dry.exitCode()).isZero();
    assertThat(dry.getOutput()).contains("would alert:");
    assertThat(tmp.resolve("state/outbox.jsonl")).doesNotExist();
  }

  @Test
  void anInvalidWorkflowFailsValidationWithItsLocationAndRunsNothing(QuarkusMainLauncher launcher)
      throws IOException {
    Path bad = tmp.resolve("bad.yaml");
    Files.writeString(bad, "name: bad\nsteps: []\nactions:\n  - type: pager\n");

    LaunchResult r = launcher.launch("validate", bad.toString());

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.getErrorOutput()).contains(bad + ":4:");
  }

  @Test
  void theShippedWorkflowsAreValid(QuarkusMainLauncher launcher) {
    LaunchResult r = launcher.launch("validate", "workflows");

    assertThat(r.exitCode()).as(r.getErrorOutput()).isZero();
  }

  @Test
  void aMissingFindingsDirectoryIsOneClearLine(QuarkusMainLauncher launcher) {
    LaunchResult r =
        launcher.launch(
            "run", "--local", "--state-dir", tmp.toString(), "--findings-from", "no/such/dir");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.getErrorOutput()).contains("--findings-from: no/such/dir is not a directory");
  }
}
