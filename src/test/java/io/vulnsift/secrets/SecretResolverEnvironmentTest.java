package io.vulnsift.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The default clients honour the SDK's endpoint overrides. The system properties stand in for
 * {@code AWS_ENDPOINT_URL_SECRETS_MANAGER} / {@code AWS_ENDPOINT_URL_SSM}: the SDK reads both
 * through the same code, and a test cannot set environment variables.
 */
class SecretResolverEnvironmentTest {

  static final List<String> PROPERTIES =
      List.of(
          "aws.region",
          "aws.accessKeyId",
          "aws.secretAccessKey",
          "aws.endpointUrlSecretsManager",
          "aws.endpointUrlSsm");

  final Map<String, String> before = new HashMap<>();
  FakeAwsSecrets aws;

  @BeforeEach
  void start() throws Exception {
    aws = new FakeAwsSecrets();
    PROPERTIES.forEach(p -> before.put(p, System.getProperty(p)));
    System.setProperty("aws.region", "eu-west-1");
    System.setProperty("aws.accessKeyId", "AKIDTEST");
    System.setProperty("aws.secretAccessKey", "x");
    System.setProperty("aws.endpointUrlSecretsManager", aws.endpoint().toString());
    System.setProperty("aws.endpointUrlSsm", aws.endpoint().toString());
  }

  @AfterEach
  void stop() {
    before.forEach(
        (p, v) -> {
          if (v == null) {
            System.clearProperty(p);
          } else {
            System.setProperty(p, v);
          }
        });
    aws.close();
  }

  @Test
  void defaultClientsUseTheServiceEndpointOverrides() {
    aws.secrets.put("vulnsift/jira", "{\"pat\":\"p\"}");
    aws.parameters.put("/vulnsift/slack", "xoxb-1");
    SecretResolver resolver = SecretResolver.fromEnvironment();

    assertThat(resolver.resolve("vulnsift/jira", "S").field("pat")).contains("p");
    assertThat(resolver.resolve("ssm:/vulnsift/slack", "S").plain()).isEqualTo("xoxb-1");
    assertThat(aws.calls).hasSize(2);
  }
}
