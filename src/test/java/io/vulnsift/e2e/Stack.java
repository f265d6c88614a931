package io.vulnsift.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.vulnsift.aws.DynamoDbLocalServer;
import io.vulnsift.sources.ecr.FakeEcr;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The whole world of one test, on loopback: a fake ECR (awsJson1_1), DynamoDB Local as a server
 * behind a fault-injecting proxy, a recording Jira and a recording Slack — and the vulnsift command
 * line configured for them through its environment, as an operator would configure it.
 */
final class Stack implements AutoCloseable {

  /** How long a claim is held: short, so that recovery does not wait for the default 5 minutes. */
  static final Duration CLAIM_LEASE = Duration.ofSeconds(2);

  /** The HTTP timeout the suite gives vulnsift towards Jira and Slack; fakes answer later. */
  static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(2);

  final Path dir;
  final Estate estate;
  final FakeEcr ecr;
  final DynamoDbLocalServer dynamodbLocal;
  final DynamoDbFaultProxy dynamodb;
  final RecordingJira jira;
  final RecordingSlack slack;
  final Path workflow;
  final Path pods;
  private final Duration lease;
  private final Map<String, String> overrides = new HashMap<>();
  Cli cli;

  Stack(Path dir, Estate estate) {
    this(dir, estate, CLAIM_LEASE);
  }

  /** With another claim lease ({@code VULNSIFT_CLAIM_LEASE}). */
  Stack(Path dir, Estate estate, Duration lease) {
    this.dir = dir;
    this.lease = lease;
    this.estate = estate;
    ecr = FakeEcr.start(Estate.ACCOUNT);
    estate.publish(ecr);
    dynamodbLocal = DynamoDbLocalServer.start();
    dynamodb = new DynamoDbFaultProxy(dynamodbLocal.endpoint());
    jira = new RecordingJira().slowness(CLIENT_TIMEOUT.multipliedBy(2));
    slack = new RecordingSlack().slowness(CLIENT_TIMEOUT.multipliedBy(2));
    Estate.channels(slack);
    try {
      workflow = Files.writeString(dir.resolve(Estate.WORKFLOW + ".yaml"), Estate.workflow());
      pods = Files.writeString(dir.resolve("pods.json"), estate.pods());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    cli = new Cli(env(), dir);
  }

  /** Sets one more environment variable for the processes started from now on. */
  Stack configure(String variable, String value) {
    overrides.put(variable, value);
    cli = new Cli(env(), dir);
    return this;
  }

  /** The configuration of every vulnsift process, as environment variables (README). */
  Map<String, String> env() {
    Map<String, String> env = new HashMap<>();
    env.put("AWS_REGION", Estate.REGION);
    env.put("AWS_ACCESS_KEY_ID", "e2e");
    env.put("AWS_SECRET_ACCESS_KEY", "e2e");
    env.put("AWS_EC2_METADATA_DISABLED", "true");
    env.put("AWS_ENDPOINT_URL_ECR", ecr.endpoint().toString());
    env.put("AWS_ENDPOINT_URL_DYNAMODB", dynamodb.endpoint().toString());
    env.put("VULNSIFT_ECR_REGISTRY_IDS", Estate.ACCOUNT);
    env.put("VULNSIFT_CREATE_TABLES", "true");
    env.put("VULNSIFT_CLAIM_LEASE", lease.toSeconds() + "s");
    env.put("VULNSIFT_JIRA_URL", jira.url());
    env.put("VULNSIFT_JIRA_EMAIL", RecordingJira.EMAIL);
    env.put("VULNSIFT_JIRA_API_TOKEN", RecordingJira.API_TOKEN);
    env.put("VULNSIFT_JIRA_TIMEOUT", CLIENT_TIMEOUT.toSeconds() + "s");
    env.put("VULNSIFT_SLACK_BOT_TOKEN", RecordingSlack.BOT_TOKEN);
    env.put("VULNSIFT_SLACK_API_URL", slack.apiUrl());
    env.put("VULNSIFT_SLACK_TIMEOUT", CLIENT_TIMEOUT.toSeconds() + "s");
    env.putAll(overrides);
    return env;
  }

  /** {@code inventory import}: the cluster's pods, seen now. */
  Cli.Result importInventory() {
    Cli.Result r =
        cli.run(
            "inventory", "import", "--kubernetes", pods.toString(), "--cluster", Estate.CLUSTER);
    assertThat(r.exitCode()).as(r.transcript()).isZero();
    return r;
  }

  /** {@code run WORKFLOW} with extra options (e.g. {@code --now}). */
  Cli.Running startRun(String... options) {
    List<String> args = new ArrayList<>(List.of("run"));
    args.addAll(List.of(options));
    args.add(workflow.toString());
    return cli.start(args.toArray(String[]::new));
  }

  Cli.Result run(String... options) {
    return startRun(options).await();
  }

  /** A run that finished its work: it printed its funnel, whether or not deliveries failed. */
  static void assertCompleted(Cli.Result r) {
    assertThat(r.exitCode()).as(r.transcript()).isIn(0, 1);
    assertThat(r.out()).as(r.transcript()).contains(Estate.WORKFLOW + " — first run:");
  }

  /** A run that finished with every delivery made. */
  static void assertClean(Cli.Result r) {
    assertThat(r.exitCode()).as(r.transcript()).isZero();
    assertCompleted(r);
  }

  /** {@code --now} a while after the real clock: every lease of an earlier run has run out. */
  static String[] later(Duration by) {
    return new String[] {"--now", Instant.now().plus(by).toString()};
  }

  /**
   * The verdict, from the fakes' own records: every expected group has exactly one Jira issue
   * (found by its fingerprint label) and exactly one Slack alert (found by its message metadata) —
   * nothing lost, nothing twice, nothing that should not be there — and every exchange with Jira
   * and Slack matched their API contracts.
   */
  void assertEveryGroupAlertedExactlyOnce() {
    Map<String, Long> once =
        estate.expectedGroups().stream().collect(Collectors.toMap(Function.identity(), g -> 1L));
    assertThat(jira.issuesPerFingerprint())
        .as("Jira issues per group, of %s", jira.issues())
        .isEqualTo(once);
    assertThat(slack.alertsPerFingerprint())
        .as("Slack alerts per group, of %s", slack.posts())
        .isEqualTo(once);
    jira.assertTrafficMatchesTheContract();
    slack.assertTrafficMatchesTheContract();
  }

  Set<String> expectedGroups() {
    return estate.expectedGroups();
  }

  @Override
  public void close() {
    jira.close();
    slack.close();
    dynamodb.close();
    dynamodbLocal.close();
    ecr.close();
  }
}
