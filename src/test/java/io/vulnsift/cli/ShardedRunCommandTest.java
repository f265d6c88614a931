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
 * {@code run --shards N --workers M}: the README's first command split into shards, collected by
 * worker threads through the in-process queue and decided together, prints what the unsharded run
 * prints and plans exactly the golden plan.
 */
@QuarkusMainTest
class ShardedRunCommandTest {

  @TempDir Path tmp;

  private LaunchResult run(QuarkusMainLauncher launcher, String stateDir, String... extra) {
    return Demo.run(launcher, tmp.resolve(stateDir), extra);
  }

  @Test
  void aShardedRunPrintsAndPlansWhatTheUnshardedRunDoes(QuarkusMainLauncher launcher)
      throws IOException {
    Path plan = tmp.resolve("plan.jsonl");

    LaunchResult sharded =
        run(launcher, "sharded", "--shards", "4", "--workers", "3", "--plan-out", plan.toString());
    LaunchResult unsharded = run(launcher, "unsharded");

    assertThat(sharded.exitCode()).as(sharded.getErrorOutput()).isZero();
    assertThat(Files.readAllLines(plan))
        .as("the golden plan of the unsharded run")
        .containsExactlyElementsOf(Files.readAllLines(LocalRunTest.GOLDEN));
    assertThat(withoutOutboxPath(sharded.getOutput()))
        .isEqualTo(withoutOutboxPath(unsharded.getOutput()))
        .contains("  alerts:");
    assertThat(Files.readAllLines(tmp.resolve("sharded/outbox.jsonl")))
        .hasSameSizeAs(Files.readAllLines(tmp.resolve("unsharded/outbox.jsonl")));

    LaunchResult again = run(launcher, "sharded", "--shards", "4");

    assertThat(again.exitCode()).isZero();
    assertThat(again.getOutput()).contains("nothing new to alert");
  }

  @Test
  void aShardCountOutOfRangeIsOneClearLine(QuarkusMainLauncher launcher) {
    LaunchResult r = run(launcher, "bad", "--shards", "0");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.getErrorOutput()).contains("--shards: 0 is not between 1 and 1000");
  }

  private static List<String> withoutOutboxPath(String output) {
    return output.lines().filter(l -> !l.startsWith("outbox:")).toList();
  }
}
