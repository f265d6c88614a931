package io.vulnsift.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SPEC §3, "a crash at any point": the CLI is SIGKILLed in the middle of its deliveries, at the
 * worst moment — Jira or Slack has acted on a request whose answer the process never reads, so the
 * delivery is claimed and never recorded. Recovery runs after the claim's lease must finish every
 * delivery, and must find the issue or message the killed run created.
 */
class KilledRunIT {

  /** The post or create the fake holds when the process dies: some, not all, were made. */
  static final int HELD = 10;

  @TempDir Path dir;
  Stack stack;

  @BeforeEach
  void start() {
    stack = new Stack(dir, new Estate(2, 3, Instant.now().minus(Duration.ofHours(2))));
    stack.importInventory();
  }

  @AfterEach
  void stop() {
    stack.close();
  }

  @Test
  void killedWhileSlackPostsAnAlertTheRecoveryFindsTheAlert() throws Exception {
    stack.slack.onPost(HELD, RecordingSlack.Misbehaviour.HANG);

    killOnceHeld(stack.slack.blocker);
    assertThat(stack.slack.posts()).hasSize(HELD);
    assertThat(stack.jira.issues()).hasSize(HELD);

    recover();
  }

  @Test
  void killedWhileJiraCreatesAnIssueTheRecoveryFindsTheIssue() throws Exception {
    stack.jira.onCreate(HELD, RecordingJira.Misbehaviour.HANG);

    killOnceHeld(stack.jira.blocker);
    assertThat(stack.jira.issues()).hasSize(HELD);
    assertThat(stack.slack.posts()).hasSize(HELD - 1);

    recover();
  }

  /** Starts a run, waits until the fake holds a request, SIGKILLs the process. */
  private void killOnceHeld(Blocker blocker) throws InterruptedException {
    Cli.Running run = stack.startRun();
    assertThat(blocker.awaitBlocked()).as("a request was held").isTrue();
    Cli.Result killed = run.kill();
    assertThat(killed.out())
        .as("killed before it could print its funnel")
        .doesNotContain("delivered");
    blocker.release();
  }

  /**
   * A run once the dead run's leases ran out (a later clock) finishes everything; the next one
   * finds nothing left to do.
   */
  private void recover() {
    Stack.assertClean(stack.run(Stack.later(Duration.ofMinutes(10))));
    Stack.assertClean(stack.run(Stack.later(Duration.ofMinutes(20))));
    stack.assertEveryGroupAlertedExactlyOnce();
  }
}
