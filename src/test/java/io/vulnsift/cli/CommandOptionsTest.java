package io.vulnsift.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A command accepts only the options it honours: {@code findings} writes no plan or report and
 * prints no metrics, {@code serve} never ends so writes no report files; asked for them, they
 * refuse (exit 2, with the usage of what they do take) instead of silently ignoring them.
 */
@QuarkusMainTest
class CommandOptionsTest {

  @TempDir Path tmp;

  @Test
  void findingsAndServeRefuseTheOptionsTheyWouldIgnore(QuarkusMainLauncher launcher) {
    String out = tmp.resolve("out.json").toString();
    String findings = "examples/findings";

    refuses(launcher, "--plan-out", "findings", "--findings-from", findings, "--plan-out", out);
    refuses(launcher, "--report-out", "findings", "--findings-from", findings, "--report-out", out);
    refuses(launcher, "--emf", "findings", "--findings-from", findings, "--emf");
    refuses(launcher, "--plan-out", "serve", "--plan-out", out);
    refuses(launcher, "--report-out", "serve", "--report-out", out);

    assertThat(tmp.resolve("out.json")).doesNotExist();
  }

  @Test
  void everySubcommandExplainsItselfWithHelp(QuarkusMainLauncher launcher) {
    for (String command : List.of("run", "findings", "serve", "event", "validate", "schema")) {
      LaunchResult r = launcher.launch(command, "--help");

      assertThat(r.exitCode()).as(command + " --help").isZero();
      assertThat(r.getOutput()).startsWith("Usage: vulnsift " + command);
    }
    assertThat(launcher.launch("run", "--help").getOutput()).contains("--local", "--dry-run");
    assertThat(launcher.launch("inventory", "import", "--help").getOutput())
        .contains("--kubernetes");
  }

  private static void refuses(QuarkusMainLauncher launcher, String option, String... args) {
    LaunchResult r = launcher.launch(args);

    assertThat(r.exitCode()).as(String.join(" ", args)).isEqualTo(ExitCodes.INVALID);
    List<String> err = r.getErrorOutput().lines().toList();
    assertThat(err.get(0)).startsWith("Unknown option").contains("'" + option + "'");
    assertThat(err.get(1)).startsWith("Usage: vulnsift " + args[0]);
    assertThat(err.subList(1, err.size()))
        .as("the usage does not offer it")
        .noneMatch(line -> line.contains(option));
    assertThat(r.getOutput()).as("nothing ran").isEmpty();
  }
}
