package io.vulnsift.lambda;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vulnsift.aws.DynamoDbLocalServer;
import io.vulnsift.shards.sqs.FakeSqs;
import io.vulnsift.sources.ecr.FakeEcr;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything the deployed function talks to, on loopback: ECR (a fake speaking its wire protocol),
 * DynamoDB Local as a server (reached through the SDK's endpoint override, as in AWS) and Slack
 * (WireMock). The function finds them the way it finds AWS: region, credentials and endpoint
 * overrides of the SDK's standard chain.
 */
public class FunctionFakes implements QuarkusTestResourceLifecycleManager {
  static final String ACCOUNT = "123456789012";
  static final String ECR_DIGEST =
      "sha256:7f5b2640fe6fb4f46592dfd3410c4a79dac4f89e4782432e0378abcd1234";
  static final String INSPECTOR_ACCOUNT = "111122223333";
  static final String INSPECTOR_DIGEST =
      "sha256:965fbcae990b0467ed5657caceaec165018ef44a4d2d46c7cdea80a9dff0d1ea";
  static final String FINDING_DIGEST =
      "sha256:84f507df33c6864d49c296fb734192696e4cb6f78166ac51ac8b9b118181085d";
  static final String SHARD_QUEUE =
      "https://sqs.eu-west-1.amazonaws.com/123456789012/vulnsift-shards";
  static final List<String> PROPERTIES =
      List.of(
          "aws.region",
          "aws.accessKeyId",
          "aws.secretAccessKey",
          "aws.endpointUrlEcr",
          "aws.endpointUrlDynamoDb",
          "aws.endpointUrlSqs");

  static FakeEcr ecr;
  static DynamoDbLocalServer dynamodb;
  static WireMockServer slack;
  static FakeSqs sqs;

  @Override
  public Map<String, String> start() {
    Instant observed = Instant.now().minusSeconds(3600);
    ecr = FakeEcr.start(ACCOUNT);
    ecr.image(ACCOUNT, "my-repository-name", ECR_DIGEST).enhancedFindings(2, observed);
    ecr.image(INSPECTOR_ACCOUNT, "inspector2", INSPECTOR_DIGEST).enhancedFindings(1, observed);
    ecr.image(ACCOUNT, "inspector2", FINDING_DIGEST).enhancedFindings(3, observed);
    // Images no event names: a scoped run must not ask about them.
    for (int i = 0; i < 4; i++) {
      ecr.image(ACCOUNT, "my-repository-name", FakeEcr.digest("other-" + i))
          .enhancedFindings(2, observed);
    }
    // The sharded workflow's registry: 6 repositories, one critical finding each.
    for (int i = 0; i < 6; i++) {
      ecr.image(ACCOUNT, "sharded-" + i, FakeEcr.digest("sharded-" + i))
          .enhancedFindings(1, observed);
    }
    dynamodb = DynamoDbLocalServer.start();
    sqs = new FakeSqs();
    slack = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
    slack.start();
    slack.stubFor(
        post(urlPathEqualTo("/api/chat.postMessage"))
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"ok\":true,\"channel\":\"C024BE91L\",\"ts\":\"1732600000.000100\"}")));
    System.setProperty("aws.region", "eu-west-1");
    System.setProperty("aws.accessKeyId", "test");
    System.setProperty("aws.secretAccessKey", "test");
    System.setProperty("aws.endpointUrlEcr", ecr.endpoint().toString());
    System.setProperty("aws.endpointUrlDynamoDb", dynamodb.endpoint().toString());
    System.setProperty("aws.endpointUrlSqs", sqs.endpoint().toString());
    return Map.of(
        "vulnsift.workflows-dir",
        Path.of("src/test/resources/lambda/workflows").toString(),
        // Scan events name images of two accounts: both registries are selected.
        "vulnsift.ecr.registry-ids",
        ACCOUNT + "," + INSPECTOR_ACCOUNT,
        // Full runs sweep the registry, whatever the ECS events of other tests left running.
        "vulnsift.ecr.plan",
        "sweep",
        "vulnsift.shard-queue-url",
        SHARD_QUEUE,
        "vulnsift.create-tables",
        "true",
        "vulnsift.ecs-cluster-stages.FargateCluster",
        "production",
        "vulnsift.slack.api-url",
        "http://127.0.0.1:" + slack.port() + "/api/",
        "vulnsift.slack.bot-token",
        "xoxb-test-token");
  }

  @Override
  public void stop() {
    PROPERTIES.forEach(System::clearProperty);
    slack.stop();
    sqs.close();
    dynamodb.close();
    ecr.close();
  }
}
