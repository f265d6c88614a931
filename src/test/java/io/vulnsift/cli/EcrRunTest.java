package io.vulnsift.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import io.vulnsift.sources.ecr.FakeEcr;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run} without {@code --findings-from} reads Amazon ECR through the SDK (here a local fake
 * speaking the ECR wire protocol, reached through the SDK's endpoint override), runtime-first: only
 * the image the inventory sees running is asked about.
 */
@QuarkusMainTest
class EcrRunTest {
  static final String ACCOUNT = "123456789012";
  static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");
  static final List<String> PROPERTIES =
      List.of("aws.region", "aws.accessKeyId", "aws.secretAccessKey", "aws.endpointUrlEcr");

  @TempDir Path tmp;
  FakeEcr ecr;

  @BeforeEach
  void start() {
    ecr = FakeEcr.start(ACCOUNT);
    System.setProperty("aws.region", "eu-west-1");
    System.setProperty("aws.accessKeyId", "test");
    System.setProperty("aws.secretAccessKey", "test");
    System.setProperty("aws.endpointUrlEcr", ecr.endpoint().toString());
  }

  @AfterEach
  void stop() {
    PROPERTIES.forEach(System::clearProperty);
    ecr.close();
  }

  @Test
  void findingsComeFromEcrForTheRunningImagesOnly(QuarkusMainLauncher launcher) throws IOException {
    String running = FakeEcr.digest("running");
    ecr.image(ACCOUNT, "payments/api", running).enhancedFindings(2, NOW.minusSeconds(3600));
    for (int i = 0; i < 5; i++) {
      ecr.image(ACCOUNT, "payments/api", FakeEcr.digest("idle-" + i))
          .enhancedFindings(3, NOW.minusSeconds(3600));
    }
    Path pods = tmp.resolve("pods.json");
    Files.writeString(pods, podList(running));
    Path report = tmp.resolve("report.json");

    LaunchResult r =
        launcher.launch(
            "run",
            "--local",
            "--state-dir",
            tmp.resolve("state").toString(),
            "--inventory-from",
            pods.toString(),
            "--now",
            NOW.toString(),
            "--report-out",
            report.toString(),
            "workflows/critical-production.yaml");

    assertThat(r.exitCode()).as(r.getErrorOutput()).isZero();
    assertThat(r.getOutput())
        .containsPattern("fetched +2 findings")
        .containsPattern("production +2 findings");
    assertThat(ecr.calls("DescribeImageScanFindings")).isEqualTo(1);
    assertThat(ecr.calls("DescribeImages")).isZero();
    assertThat(Files.readString(report)).contains("\"plan:runtime-first\" : 1");
  }

  private static String podList(String digest) {
    String image = ACCOUNT + ".dkr.ecr.eu-west-1.amazonaws.com/payments/api";
    return """
        {"apiVersion":"v1","kind":"List","items":[{"apiVersion":"v1","kind":"Pod",
         "metadata":{"name":"api-1","namespace":"payments",
           "labels":{"app.kubernetes.io/environment":"production","team":"payments"}},
         "spec":{"containers":[{"name":"api","image":"%s:1.0"}]},
         "status":{"phase":"Running","containerStatuses":[{"name":"api","image":"%s:1.0",
           "imageID":"%s@%s","ready":true,"restartCount":0,
           "state":{"running":{"startedAt":"2026-11-20T08:00:00Z"}}}]}}]}
        """
        .formatted(image, image, image, digest);
  }
}
