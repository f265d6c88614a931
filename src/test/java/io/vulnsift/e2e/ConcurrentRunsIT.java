package io.vulnsift.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.vulnsift.e2e.DynamoDbFaultProxy.Fault;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SPEC §3, "under concurrent runs": CLI processes running the same workflow at the same time race
 * for the first-run baseline and for every delivery; the claims must let exactly one of them
 * deliver each (group, action), whatever the others see.
 */
class ConcurrentRunsIT {

  static final int RUNS = 8;

  @TempDir Path dir;
  Stack stack;

  void start(Duration lease) {
    stack = new Stack(dir, new Estate(2, 3, Instant.now().minus(Duration.ofHours(2))), lease);
    stack.importInventory();
  }

  @AfterEach
  void stop() {
    if (stack != null) {
      stack.close();
    }
  }

  /**
   * Eight processes start the workflow's very first run at once, against throttling ECR and
   * DynamoDB and a Jira that refuses two creates; one later run picks up what they left failed. The
   * lease is well above what one delivery takes on two busy cores (production: 5 minutes), so this
   * is a race between live runs, not against an expiring lease.
   */
  @Test
  void eightSimultaneousFirstRunsAlertEveryGroupOnce() {
    start(Duration.ofSeconds(30));
    stack.ecr.throttleFirstAttempts(1);
    stack.dynamodb.pattern(Fault.THROTTLE, Fault.NONE, Fault.SERVER_ERROR, Fault.NONE, Fault.NONE);
    stack
        .jira
        .onCreate(4, RecordingJira.Misbehaviour.RATE_LIMITED)
        .onCreate(11, RecordingJira.Misbehaviour.UNAVAILABLE);

    List<Cli.Running> runs = new ArrayList<>();
    for (int i = 0; i < RUNS; i++) {
      runs.add(stack.startRun());
    }
    for (Cli.Running run : runs) {
      Stack.assertCompleted(run.await());
    }
    Stack.assertClean(stack.run(Stack.later(Duration.ofMinutes(10))));

    assertThat(stack.ecr.throttled()).as("ECR throttles injected").isPositive();
    assertThat(stack.dynamodb.throttled()).as("DynamoDB throttles injected").isPositive();
    stack.assertEveryGroupAlertedExactlyOnce();
  }

  /**
   * A run that has been delivering for longer than the lease claims its next delivery and is still
   * sending it when a second run starts, whose clock is ahead of the first run's by more than the
   * lease. The claim is held for its lease from the moment it was taken, so the second run leaves
   * it alone instead of sending the alert a second time. (This test found claims leased from the
   * run's start clock: a claim taken late in a long run was born expired.)
   */
  @Test
  void aRunStartedMeanwhileLeavesTheFreshClaimOfALongRunAlone() throws InterruptedException {
    Duration lease = Duration.ofSeconds(8);
    start(lease);
    int held = 8;
    // The first run needs well over a lease to reach its 8th delivery...
    stack.jira.busyFor(held, Duration.ofMillis(1500));
    // ...whose Slack post Slack holds before acting on it, for as long as the second run takes
    // (within the client's timeout: the first run is slow, not failing).
    stack.slack.onPost(held, RecordingSlack.Misbehaviour.HOLD_THEN_POST);
    stack.configure("VULNSIFT_SLACK_TIMEOUT", "60s");

    Cli.Running first = stack.startRun();
    assertThat(stack.slack.blocker.awaitBlocked()).as("the 8th post was held").isTrue();
    Cli.Result second = stack.run();
    stack.slack.blocker.release();

    Stack.assertClean(second);
    Stack.assertClean(first.await());
    stack.assertEveryGroupAlertedExactlyOnce();
  }
}
