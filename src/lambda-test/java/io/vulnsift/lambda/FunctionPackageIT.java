package io.vulnsift.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vulnsift.aws.DynamoDbLocalServer;
import io.vulnsift.sources.ecr.FakeEcr;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
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
  static final String HANDLER = "io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler";
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
    unzip(ZIP, task);
    // The java17 runtime's class path: the task root, then every jar of lib/.
    List<URL> jars = new ArrayList<>(List.of(task.toUri().toURL()));
    try (var files = Files.walk(task.resolve("lib"))) {
      for (Path jar : files.filter(f -> f.toString().endsWith(".jar")).toList()) {
        jars.add(jar.toUri().toURL());
      }
    }
    ClassLoader previous = Thread.currentThread().getContextClassLoader();
    try (URLClassLoader runtime =
        new URLClassLoader(jars.toArray(URL[]::new), ClassLoader.getPlatformClassLoader())) {
      Thread.currentThread().setContextClassLoader(runtime);
      long t0 = System.nanoTime();
      Class<?> handlerClass = Class.forName(HANDLER, true, runtime);
      Object handler = handlerClass.getConstructor().newInstance();
      long initialized = System.nanoTime();
      String first = invoke(runtime, handler, schedule());
      long firstDone = System.nanoTime();
      String second = invoke(runtime, handler, schedule());
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
    } finally {
      Thread.currentThread().setContextClassLoader(previous);
    }
  }

  private static String schedule() {
    return "{\"workflow\":\"critical-production\",\"trigger\":\"schedule\"}";
  }

  /** Calls {@code handleRequest(InputStream, OutputStream, Context)} of the packaged handler. */
  private static String invoke(ClassLoader runtime, Object handler, String event) throws Exception {
    Class<?> contextType =
        Class.forName("com.amazonaws.services.lambda.runtime.Context", false, runtime);
    Object context =
        Proxy.newProxyInstance(
            runtime,
            new Class<?>[] {contextType},
            (proxy, method, args) ->
                switch (method.getName()) {
                  case "getAwsRequestId" -> "it-" + System.nanoTime();
                  case "getFunctionName" -> "vulnsift";
                  case "getFunctionVersion" -> "1";
                  case "getRemainingTimeInMillis" -> 900_000;
                  case "getMemoryLimitInMB" -> 2048;
                  case "toString" -> "FunctionPackageIT context";
                  case "hashCode" -> System.identityHashCode(proxy);
                  case "equals" -> proxy == args[0];
                  default -> null;
                });
    Method handle =
        handler
            .getClass()
            .getMethod("handleRequest", InputStream.class, OutputStream.class, contextType);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    handle.invoke(
        handler, new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, context);
    return out.toString(StandardCharsets.UTF_8);
  }

  private static void unzip(Path zip, Path into) throws IOException {
    try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
      for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        Path target = into.resolve(e.getName()).normalize();
        if (!target.startsWith(into)) {
          throw new IOException("zip entry outside the target: " + e.getName());
        }
        if (e.isDirectory()) {
          Files.createDirectories(target);
        } else {
          Files.createDirectories(target.getParent());
          Files.copy(in, target);
        }
      }
    }
  }
}
