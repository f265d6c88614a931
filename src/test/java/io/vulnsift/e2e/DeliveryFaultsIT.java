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
 * SPEC §3 against Jira and Slack that misbehave: rate limits with {@code Retry-After} and 5xx are
 * retried within the run; a request that outlives the client's timeout, or whose response is lost
 * after the issue or message was created, fails the delivery — and the next run must find what was
 * created instead of creating it twice.
 */
class DeliveryFaultsIT {

  @TempDir Path dir;
  Stack stack;

  @BeforeEach
  void start() {
    // A lease with room for the retries: a delivery retries only while another attempt would
    // still end within its claim (DeliveryDeadline); with the suite's 2-second lease it would
    // fail at once and leave the retry to the next run.
    stack =
        new Stack(
            dir,
            new Estate(2, 3, Instant.now().minus(Duration.ofHours(2))),
            Duration.ofSeconds(30));
    stack.importInventory();
  }

  @AfterEach
  void stop() {
    stack.close();
  }

  @Test
  void rateLimitsAndServerErrorsAreWaitedOutWithinTheRun() {
    stack
        .jira
        .onCreate(2, RecordingJira.Misbehaviour.RATE_LIMITED)
        .onCreate(5, RecordingJira.Misbehaviour.UNAVAILABLE)
        .onCreate(9, RecordingJira.Misbehaviour.RATE_LIMITED);
    stack
        .slack
        .onPost(3, RecordingSlack.Misbehaviour.RATE_LIMITED)
        .onPost(7, RecordingSlack.Misbehaviour.UNAVAILABLE);

    Stack.assertClean(stack.run());

    int groups = stack.expectedGroups().size();
    assertThat(stack.jira.createRequests())
        .as("creates, refused ones included")
        .isEqualTo(groups + 3);
    assertThat(stack.slack.postRequests())
        .as("posts, refused ones included")
        .isGreaterThanOrEqualTo(groups + 2);
    stack.assertEveryGroupAlertedExactlyOnce();
  }

  @Test
  void whatATimedOutOrDroppedRequestCreatedIsFoundNotCreatedAgain() {
    stack
        .jira
        .onCreate(3, RecordingJira.Misbehaviour.SLOW)
        .onCreate(6, RecordingJira.Misbehaviour.CREATED_THEN_RESET);
    stack
        .slack
        .onPost(4, RecordingSlack.Misbehaviour.SLOW)
        .onPost(8, RecordingSlack.Misbehaviour.POSTED_THEN_RESET);

    Cli.Result first = stack.run();
    // Four deliveries failed as far as vulnsift could tell; Jira and Slack did create them.
    assertThat(first.exitCode()).as(first.transcript()).isEqualTo(1);
    Stack.assertCompleted(first);

    // The next run retries the failed deliveries.
    Stack.assertClean(stack.run());

    stack.assertEveryGroupAlertedExactlyOnce();
  }
}
