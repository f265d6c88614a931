package io.vulnsift.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a user sees when DynamoDB is the problem: a table name DynamoDB would reject is found before
 * anything runs and named by its setting (exit 2), and a DynamoDB that cannot be reached is one
 * line naming the table, with an exit code of its own (3) — never a stack trace.
 */
@QuarkusMainTest
class StoreFailureCommandTest {
  static final List<String> PROPERTIES =
      List.of(
          "vulnsift.state-table",
          "vulnsift.create-tables",
          "aws.region",
          "aws.accessKeyId",
          "aws.secretAccessKey",
          "aws.endpointUrlDynamoDb");

  @TempDir Path tmp;

  @AfterEach
  void clear() {
    PROPERTIES.forEach(System::clearProperty);
  }

  @Test
  void aTableNameDynamoDbWouldRejectFailsBeforeAnythingRunsNamingItsSetting(
      QuarkusMainLauncher launcher) {
    System.setProperty("vulnsift.state-table", "s1");
    Path state = tmp.resolve("state");

    LaunchResult r =
        launcher.launch(
            "run",
            "--local",
            "--state-dir",
            state.toString(),
            "workflows/critical-production.yaml");

    assertThat(r.exitCode()).as(r.getErrorOutput()).isEqualTo(ExitCodes.INVALID);
    assertOneLine(r)
        .startsWith("vulnsift: VULNSIFT_STATE_TABLE (vulnsift.state-table): 's1' is not a DynamoDB")
        .contains("3 to 255 characters");
    assertThat(state).as("DynamoDB Local never started").doesNotExist();
  }

  @Test
  void anUnreachableDynamoDbIsOneLineNamingTheTable(QuarkusMainLauncher launcher)
      throws IOException {
    unreachableDynamoDb();

    LaunchResult r =
        launcher.launch(
            "inventory", "import", "--kubernetes", "examples/pods.json", "--cluster", "prod-eu");

    assertThat(r.exitCode()).as(r.getErrorOutput()).isEqualTo(ExitCodes.STORE_FAILED);
    assertOneLine(r).startsWith("vulnsift: ").contains("vulnsift-inventory");
    assertThat(r.getOutput()).doesNotContain("imported");
  }

  @Test
  void aTableThatCannotBeCreatedIsOneLineNamingTheTable(QuarkusMainLauncher launcher)
      throws IOException {
    unreachableDynamoDb();
    System.setProperty("vulnsift.create-tables", "true");

    LaunchResult r =
        launcher.launch(
            "inventory", "import", "--kubernetes", "examples/pods.json", "--cluster", "prod-eu");

    assertThat(r.exitCode()).as(r.getErrorOutput()).isEqualTo(ExitCodes.STORE_FAILED);
    assertOneLine(r).startsWith("vulnsift: cannot create DynamoDB table vulnsift-inventory: ");
  }

  /** The SDK pointed at a loopback port nothing listens on: every request is refused at once. */
  private static void unreachableDynamoDb() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    System.setProperty("aws.region", "eu-west-1");
    System.setProperty("aws.accessKeyId", "test");
    System.setProperty("aws.secretAccessKey", "test");
    System.setProperty("aws.endpointUrlDynamoDb", "http://127.0.0.1:" + port);
  }

  private static org.assertj.core.api.AbstractStringAssert<?> assertOneLine(LaunchResult r) {
    assertThat(r.getErrorOutput().strip().lines()).as(r.getErrorOutput()).hasSize(1);
    return assertThat(r.getErrorOutput().strip());
  }
}
