package io.vulnsift.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.vulnsift.e2e.DynamoDbFaultProxy.Fault;
import io.vulnsift.sources.ecr.FakeEcr;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SPEC §3, "ECR/DynamoDB throttling through the SDK's retry strategy": the built CLI against an ECR
 * that throttles and fails, and a DynamoDB that throttles and fails, on the first attempt of every
 * request they mark. The retries absorb all of it: one run alerts every group, exactly once.
 */
class AwsThrottlingIT {

  @TempDir Path dir;
  Stack stack;

  @BeforeEach
  void start() {
    stack = new Stack(dir, new Estate(2, 3, Instant.now().minus(Duration.ofHours(2))));
  }

  @AfterEach
  void stop() {
    stack.close();
  }

  @Test
  void throttledAndFailingAwsCallsAreRetriedAndEveryGroupIsAlertedOnce() {
    stack.importInventory();
    // From here on, every ECR request is throttled, then fails with a 500, then is served; and
    // two DynamoDB requests in five fail their first attempt (throttled, or a 500).
    stack.ecr.failAttempts(List.of(FakeEcr.Failure.THROTTLED, FakeEcr.Failure.SERVER_ERROR));
    stack.dynamodb.pattern(Fault.THROTTLE, Fault.NONE, Fault.SERVER_ERROR, Fault.NONE, Fault.NONE);

    Cli.Result run = stack.run();

    Stack.assertClean(run);
    assertThat(stack.ecr.throttled()).as("ECR failures injected").isPositive();
    assertThat(stack.dynamodb.throttled()).as("DynamoDB throttles injected").isPositive();
    assertThat(stack.dynamodb.serverErrors()).as("DynamoDB 500s injected").isPositive();
    stack.assertEveryGroupAlertedExactlyOnce();

    // And the state they wrote holds: the next run has nothing new to alert.
    Cli.Result again = stack.run();
    Stack.assertClean(again);
    assertThat(again.out()).contains("nothing new to alert");
    stack.assertEveryGroupAlertedExactlyOnce();
  }
}
