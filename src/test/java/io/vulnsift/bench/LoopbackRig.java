package io.vulnsift.bench;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.vulnsift.actions.jira.JiraSettings;
import io.vulnsift.actions.slack.SlackSettings;
import io.vulnsift.aws.DynamoDbLocalServer;
import io.vulnsift.aws.DynamoDbTables;
import io.vulnsift.engine.RunEnvironment;
import io.vulnsift.inventory.DynamoDbInventoryStore;
import io.vulnsift.sources.ecr.EcrFindingSource;
import io.vulnsift.sources.ecr.EcrPlan;
import io.vulnsift.sources.ecr.EcrSettings;
import io.vulnsift.sources.ecr.EcrTestClients;
import io.vulnsift.sources.ecr.FakeEcr;
import io.vulnsift.state.DynamoDbStateStore;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Everything a deployed run talks to, on loopback in this JVM: the ECR fake (awsJson1_1, the real
 * SDK client, findings made on request from the {@link Synthetic} estate), DynamoDB Local as an
 * HTTP server (the SDK client through its endpoint override, as in AWS), and WireMock standing in
 * for Jira Cloud and Slack's Web API. The inventory is imported before any run.
 */
final class LoopbackRig implements AutoCloseable {

  static final String INVENTORY_TABLE = "bench-inventory";
  static final String STATE_TABLE = "bench-state";

  final FakeEcr ecr;
  final DynamoDbLocalServer dynamodb;
  final DynamoDbClient client;
  final WireMockServer jira;
  final WireMockServer slack;
  final DynamoDbInventoryStore inventory;
  final DynamoDbStateStore state;
  final EcrFindingSource source;
  final BenchEngine engine;
  final long importMillis;
  final int importRequests;

  LoopbackRig(Synthetic estate, int latencyMs) {
    ecr = FakeEcr.start(Synthetic.ACCOUNT).recordBodies(false);
    ecr.latency(Duration.ofMillis(latencyMs));
    for (Synthetic.Image image : estate.images()) {
      ecr.image(Synthetic.ACCOUNT, image.repository(), image.digest())
          .completedAt(image.scannedAt())
          .generated(image.enhanced(), image.findings(), i -> estate.finding(image, i));
    }
    dynamodb = DynamoDbLocalServer.start();
    client =
        DynamoDbClient.builder()
            .httpClientBuilder(UrlConnectionHttpClient.builder())
            .endpointOverride(dynamodb.endpoint())
            .region(Region.of(Synthetic.REGION))
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("bench", "bench")))
            .overrideConfiguration(c -> c.retryStrategy(RetryMode.STANDARD))
            .build();
    DynamoDbTables.createIfMissing(client, INVENTORY_TABLE, STATE_TABLE, false);
    inventory = new DynamoDbInventoryStore(client, INVENTORY_TABLE);
    long t0 = System.nanoTime();
    inventory.upsert(estate.inventory());
    importMillis = (System.nanoTime() - t0) / 1_000_000;
    importRequests = inventory.requestCounts().values().stream().mapToInt(Integer::intValue).sum();
    state = new DynamoDbStateStore(client, STATE_TABLE);
    jira =
        new WireMockServer(
            wireMockConfig().dynamicPort().bindAddress("127.0.0.1").disableRequestJournal());
    jira.start();
    stubJira(jira);
    slack =
        new WireMockServer(
            wireMockConfig().dynamicPort().bindAddress("127.0.0.1").disableRequestJournal());
    slack.start();
    stubSlack(slack);
    source =
        EcrTestClients.source(
            new EcrSettings(null, null, EcrSettings.DEFAULT_CONCURRENCY, EcrPlan.AUTO), ecr);
    engine =
        new BenchEngine(
            new JiraSettings(
                "http://127.0.0.1:" + jira.port(), "bench@example.com", "bench-token", null),
            new SlackSettings("xoxb-bench", "http://127.0.0.1:" + slack.port() + "/api/"));
  }

  RunEnvironment env() {
    return new RunEnvironment(source, inventory, state, Optional.empty());
  }

  /** The inventory table's size as DynamoDB reports it (what a full Scan reads). */
  long inventoryTableBytes() {
    return client.describeTable(b -> b.tableName(INVENTORY_TABLE)).table().tableSizeBytes();
  }

  private static void stubJira(WireMockServer jira) {
    jira.stubFor(
        get(urlPathEqualTo("/rest/api/3/search/jql"))
            .willReturn(json(200, "{\"issues\":[],\"isLast\":true}")));
    jira.stubFor(
        post(urlPathEqualTo("/rest/api/3/issue"))
            .willReturn(
                json(
                    201,
                    "{\"id\":\"10000\",\"key\":\"SEC-1\","
                        + "\"self\":\"http://127.0.0.1/rest/api/3/issue/10000\"}")));
    jira.stubFor(
        put(urlPathMatching("/rest/api/3/issue/[^/]+/properties/.*")).willReturn(json(200, "{}")));
  }

  private static void stubSlack(WireMockServer slack) {
    String ok = "{\"ok\":true,\"channel\":\"C0BENCH01\",\"ts\":\"1732600000.000100\"}";
    slack.stubFor(post(urlPathEqualTo("/api/chat.postMessage")).willReturn(json(200, ok)));
    slack.stubFor(post(urlPathEqualTo("/api/chat.update")).willReturn(json(200, ok)));
  }

  private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(
      int status, String body) {
    return aResponse()
        .withStatus(status)
        .withHeader("Content-Type", "application/json")
        .withBody(body);
  }

  @Override
  public void close() {
    source.close();
    jira.stop();
    slack.stop();
    client.close();
    dynamodb.close();
    ecr.close();
  }
}
