package io.vulnsift.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vulnsift.aws.DynamoDbLocalServer;
import io.vulnsift.sources.ecr.FakeEcr;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built {@code target/function.zip} itself, after {@code package -Plambda}: what is in it, and
 * that it runs — unpacked and loaded the way the java17 Lambda runtime loads it (its jars only, in
 * a class loader of their own, {@code QuarkusStreamHandler::handleRequest} as the handler), against
 * a fake ECR and DynamoDB Local over HTTP. The start-up it measures is reported in
 * docs/benchmarks.md (written to {@code target/function-package.json}; not asserted).
 */
class FunctionPackageIT {
  static final Path ZIP = Path.of("target/function.zip");
  static final List<String> TEST_ONLY =
      List.of(
          "DynamoDBLocal",
          "sqlite4java",
          "wiremock",
          "assertj",
          "junit",
          "jqwik",
          "selenium",
          "swagger-request-validator",
          "json-schema-validator",
          "quarkus-junit",
          "mockito");

  static FakeEcr ecr;
  static DynamoDbLocalServer dynamodb;

  @BeforeAll
  static void fakes() {
    ecr = FakeEcr.start("123456789012");
    for (int i = 0; i < 3; i++) {
      ecr.image("123456789012", "payments/api", FakeEcr.digest("pkg-" + i))
          .enhancedFindings(2, Instant.now().minusSeconds(3600));
    }
    dynamodb = DynamoDbLocalServer.start();
    Map.of(
            "aws.region", "eu-west-1",
            "aws.accessKeyId", "test",
            "aws.secretAccessKey", "test",
            "aws.endpointUrlEcr", ecr.endpoint().toString(),
            "aws.endpointUrlDynamoDb", dynamodb.endpoint().toString(),
            "vulnsift.create-tables", "true")
        .forEach(System::setProperty);
  }

  @AfterAll
  static void stop() {
    dynamodb.close();
    ecr.close();
  }

  @Test
  void thePackageHoldsTheFunctionAndNoTestOnlyDependency() throws IOException {
    List<String> entries = new ArrayList<>();
    try (ZipFile zip = new ZipFile(ZIP.toFile())) {
      zip.stream().map(ZipEntry::getName).forEach(entries::add);
    }
    List<String> libs = entries.stream().filter(e -> e.startsWith("lib/")).toList();

    assertThat(libs).anyMatch(l -> l.contains("quarkus-amazon-lambda"));
    assertThat(libs).anyMatch(l -> l.contains("software.amazon.awssdk.dynamodb"));
    for (String forbidden : TEST_ONLY) {
      assertThat(libs).as("test-only " + forbidden).noneMatch(l -> l.contains(forbidden));
    }
    // The application's classes and the bundled workflows sit at the root, as Lambda expects.
    assertThat(entries).contains("io/vulnsift/app/FunctionRuntime.class");
    assertThat(entries).contains("vulnsift/workflows/critical-production.yaml");
  }

  @Test
  void theUnpackedPackageHandlesAScheduleAsTheLambdaRuntimeWould(@TempDir Path task)
      throws Exception {
    Java17Runtime.unzip(ZIP, task);
    try (Java17Runtime runtime = Java17Runtime.of(task)) {
      long t0 = System.nanoTime();
      Object handler = runtime.newHandler();
      long initialized = System.nanoTime();
      String first = runtime.invoke(handler, schedule());
      long firstDone = System.nanoTime();
      String second = runtime.invoke(handler, schedule());
      long secondDone = System.nanoTime();

      JsonNode out = new ObjectMapper().readTree(first);
      assertThat(out.path("outcome").asText()).as(first).isEqualTo("scheduled");
      assertThat(out.at("/runs/0/workflow").asText()).isEqualTo("critical-production");
      assertThat(out.at("/runs/0/funnel/fetched").asInt()).isEqualTo(6);
      assertThat(new ObjectMapper().readTree(second).at("/runs/0/errors")).isEmpty();

      Files.writeString(
          Path.of("target/function-package.json"),
          new ObjectMapper()
              .writerWithDefaultPrettyPrinter()
              .writeValueAsString(
                  Map.of(
                      "zipBytes", Files.size(ZIP),
                      "initMillis", (initialized - t0) / 1_000_000,
                      "firstInvokeMillis", (firstDone - initialized) / 1_000_000,
                      "secondInvokeMillis", (secondDone - firstDone) / 1_000_000)));
    }
  }

  private static String schedule() {
    return "{\"workflow\":\"critical-production\",\"trigger\":\"schedule\"}";
  }
}
