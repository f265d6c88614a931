package io.vulnsift.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vulnsift.aws.DynamoDbLocalServer;
import io.vulnsift.aws.DynamoDbTables;
import io.vulnsift.engine.port.FindingSource.ImageRef;
import io.vulnsift.inventory.DynamoDbInventoryStore;
import io.vulnsift.inventory.kubernetes.KubernetesImportOptions;
import io.vulnsift.inventory.kubernetes.KubernetesPodsImporter;
import io.vulnsift.model.InventoryRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/**
 * The {@code localstack/} init scripts, run here with the real AWS CLI against DynamoDB Local as a
 * server (no Docker on this machine): they create the tables template.yaml declares, key for key,
 * and load a demo inventory the function then finds running. Every script is shellcheck-clean.
 */
class LocalstackScriptsTest {
  static final Path SCRIPTS = Path.of("localstack/init/ready.d");
  static final Path DEMO = Path.of("localstack/demo-inventory.json");
  static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  static DynamoDbLocalServer server;
  static DynamoDbClient client;

  @BeforeAll
  static void start() throws Exception {
    server = DynamoDbLocalServer.start();
    client =
        DynamoDbClient.builder()
            .endpointOverride(server.endpoint())
            .region(Region.EU_WEST_1)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
            .httpClient(UrlConnectionHttpClient.create())
            .build();
    run(SCRIPTS.resolve("10-tables.sh"));
    if (Boolean.getBoolean("update.golden")) {
      Files.writeString(DEMO, demoRequest());
    }
    run(SCRIPTS.resolve("20-demo-inventory.sh"));
  }

  @AfterAll
  static void stop() {
    client.close();
    server.close();
  }

  @Test
  void theTablesScriptCreatesTheTablesOfTheTemplate() throws IOException {
    JsonNode resources = SamTemplateTest.template().path("Resources");
    for (String resource : List.of("InventoryTable", "StateTable")) {
      JsonNode declared = resources.path(resource).path("Properties");
      String name = defaultName(declared.path("TableName"));
      TableDescription actual = client.describeTable(r -> r.tableName(name)).table();

      assertThat(
              keys(
                  actual.keySchema().stream()
                      .map(k -> k.attributeName() + ":" + k.keyTypeAsString())))
          .as(resource + " keys")
          .isEqualTo(keys(declared.path("KeySchema"), "AttributeName", "KeyType"));
      assertThat(
              keys(
                  actual.attributeDefinitions().stream()
                      .map(a -> a.attributeName() + ":" + a.attributeTypeAsString())))
          .as(resource + " attributes")
          .isEqualTo(keys(declared.path("AttributeDefinitions"), "AttributeName", "AttributeType"));
      assertThat(indexes(actual)).as(resource + " indexes").isEqualTo(indexes(declared));
      assertThat(
              client
                  .describeTimeToLive(r -> r.tableName(actual.tableName()))
                  .timeToLiveDescription()
                  .attributeName())
          .isEqualTo(declared.at("/TimeToLiveSpecification/AttributeName").asText());
    }
  }

  @Test
  void theDemoInventoryIsWhatTheKubernetesFeedWritesForTheExamplePods() throws IOException {
    String expected = demoRequest();
    assertThat(Files.readString(DEMO))
        .as("localstack/demo-inventory.json (regenerate with -Dupdate.golden=true)")
        .isEqualTo(expected);
  }

  @Test
  void theLoadedDemoInventoryShowsTheExampleImagesRunningNow() {
    Instant now = Instant.now();
    DynamoDbInventoryStore store = new DynamoDbInventoryStore(client, "vulnsift-inventory");

    List<String> running =
        store.runningImages(now.minus(Duration.ofHours(3)), now).stream()
            .map(ImageRef::repository)
            .distinct()
            .sorted()
            .toList();

    assertThat(running).contains("payments/api", "storefront/web", "platform/ingress");
  }

  @Test
  void everyScriptIsShellcheckClean() throws Exception {
    List<String> command = new ArrayList<>(List.of(tool("shellcheck"), "--severity=style"));
    try (Stream<Path> files = Files.walk(Path.of("localstack"))) {
      files
          .filter(f -> f.toString().endsWith(".sh"))
          .sorted()
          .forEach(f -> command.add(f.toString()));
    }
    command.add(".ci/run");
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(out).isZero();
  }

  /**
   * The BatchWriteItem request of the example pods: the items the Kubernetes feed writes (through
   * the real store, into a scratch table), times left for the script to fill in.
   */
  private static String demoRequest() throws IOException {
    List<InventoryRecord> records =
        new KubernetesPodsImporter(KubernetesImportOptions.of("demo", Instant.EPOCH))
            .importPods(Path.of("examples/pods.json"));
    if (records.size() > 25) {
      fail("BatchWriteItem takes at most 25 items; the demo has " + records.size());
    }
    DynamoDbTables.createIfMissing(client, "scratch-inventory", "scratch-state", false);
    new DynamoDbInventoryStore(client, "scratch-inventory").upsert(records);
    ObjectNode request = JSON.createObjectNode();
    ArrayNode writes = request.putArray("__TABLE__");
    client.scanPaginator(r -> r.tableName("scratch-inventory")).items().stream()
        .sorted(Comparator.comparing(i -> i.get("containerId").s()))
        .forEach(i -> writes.addObject().putObject("PutRequest").set("Item", item(i)));
    return JSON.writeValueAsString(request) + "\n";
  }

  private static ObjectNode item(Map<String, AttributeValue> stored) {
    ObjectNode item = JSON.createObjectNode();
    new TreeMap<>(stored)
        .forEach(
            (name, value) -> {
              if (name.equals("lastSeenAt")) {
                item.putObject(name).put("N", "__NOW__");
              } else if (name.equals("expiresAt")) {
                item.putObject(name).put("N", "__EXPIRES__");
              } else if (value.n() != null) {
                item.putObject(name).put("N", value.n());
              } else {
                item.putObject(name).put("S", value.s());
              }
            });
    return item;
  }

  /**
   * The default of the parameter a table name references ({@code !Ref Param}: the YAML reader keeps
   * the scalar and drops the tag), else the literal name.
   */
  private static String defaultName(JsonNode name) throws IOException {
    JsonNode parameter = SamTemplateTest.template().path("Parameters").path(name.asText());
    return parameter.isMissingNode() ? name.asText() : parameter.path("Default").asText();
  }

  private static List<String> keys(Stream<String> actual) {
    return actual.sorted().toList();
  }

  private static List<String> keys(JsonNode declared, String name, String type) {
    List<String> out = new ArrayList<>();
    declared.forEach(k -> out.add(k.path(name).asText() + ":" + k.path(type).asText()));
    return out.stream().sorted().toList();
  }

  private static List<String> indexes(TableDescription t) {
    return t.globalSecondaryIndexes().stream()
        .map(
            i ->
                i.indexName()
                    + keys(
                        i.keySchema().stream()
                            .map(k -> k.attributeName() + ":" + k.keyTypeAsString()))
                    + i.projection().projectionTypeAsString()
                    + i.projection().nonKeyAttributes().stream().sorted().toList())
        .sorted()
        .toList();
  }

  private static List<String> indexes(JsonNode declared) {
    List<String> out = new ArrayList<>();
    declared
        .path("GlobalSecondaryIndexes")
        .forEach(
            i -> {
              List<String> nonKey = new ArrayList<>();
              i.at("/Projection/NonKeyAttributes").forEach(a -> nonKey.add(a.asText()));
              out.add(
                  i.path("IndexName").asText()
                      + keys(i.path("KeySchema"), "AttributeName", "KeyType")
                      + i.at("/Projection/ProjectionType").asText()
                      + nonKey.stream().sorted().toList());
            });
    return out.stream().sorted().toList();
  }

  private static void run(Path script) throws Exception {
    ProcessBuilder pb = new ProcessBuilder("bash", script.toString()).redirectErrorStream(true);
    tool("aws");
    Map<String, String> env = pb.environment();
    env.put("AWS_ENDPOINT_URL", server.endpoint().toString());
    env.put("AWS_ACCESS_KEY_ID", "test");
    env.put("AWS_SECRET_ACCESS_KEY", "test");
    env.put("AWS_DEFAULT_REGION", "eu-west-1");
    env.put("AWS_REGION", "eu-west-1");
    env.put("VULNSIFT_DEMO_INVENTORY", DEMO.toAbsolutePath().toString());
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(script + ":\n" + out).isZero();
  }

  /** The named tool on the PATH, or a failure saying how to install it. */
  private static String tool(String name) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (Files.isExecutable(Path.of(dir, name))) {
        return Path.of(dir, name).toString();
      }
    }
    throw new AssertionError(
        name + " is not installed: run .ci/setup (Debian: apt-get install -y awscli shellcheck)");
  }
}
