package io.vulnsift.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.ssm.SsmClient;

/** The resolver through the real SDK clients, against a local Secrets Manager / SSM fake. */
class SecretResolverTest {

  static final String SM_ARN =
      "arn:aws:secretsmanager:eu-west-1:123456789012:secret:vulnsift/jira-AbCdEf";
  static final String SSM_ARN = "arn:aws:ssm:eu-west-1:123456789012:parameter/vulnsift/slack";

  FakeAwsSecrets aws;
  final MutableClock clock = new MutableClock();
  SecretResolver resolver;

  @BeforeEach
  void start() throws Exception {
    aws = new FakeAwsSecrets();
    resolver = resolver(aws, clock);
  }

  @AfterEach
  void stop() {
    aws.close();
  }

  static SecretResolver resolver(FakeAwsSecrets aws, MutableClock clock) {
    var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "x"));
    return new SecretResolver(
        () ->
            SecretsManagerClient.builder()
                .region(Region.EU_WEST_1)
                .credentialsProvider(credentials)
                .endpointOverride(aws.endpoint())
                .httpClient(UrlConnectionHttpClient.create())
                .build(),
        () ->
            SsmClient.builder()
                .region(Region.EU_WEST_1)
                .credentialsProvider(credentials)
                .endpointOverride(aws.endpoint())
                .httpClient(UrlConnectionHttpClient.create())
                .build(),
        SecretResolver.DEFAULT_TTL,
        clock);
  }

  @Test
  void secretsManagerValueIsFetchedOnceWithinTheTtlAndAgainAfterIt() {
    aws.secrets.put(SM_ARN, "{\"pat\":\"p4t-1\"}");

    assertThat(resolver.resolve(SM_ARN, "S").field("pat")).contains("p4t-1");
    aws.secrets.put(SM_ARN, "{\"pat\":\"p4t-2\"}");
    clock.advance(Duration.ofMinutes(4));
    assertThat(resolver.resolve(SM_ARN, "S").field("pat")).contains("p4t-1");
    assertThat(aws.count("secretsmanager.GetSecretValue")).isEqualTo(1);

    clock.advance(Duration.ofMinutes(1));
    assertThat(resolver.resolve(SM_ARN, "S").field("pat")).contains("p4t-2");
    assertThat(aws.count("secretsmanager.GetSecretValue")).isEqualTo(2);
  }

  @Test
  void secretsManagerByPrefixedOrBareName() {
    aws.secrets.put("vulnsift/slack", "xoxb-plain");

    assertThat(resolver.resolve("secretsmanager:vulnsift/slack", "S").plain())
        .isEqualTo("xoxb-plain");
    assertThat(resolver.resolve("vulnsift/slack", "S").isJson()).isFalse();
    assertThat(aws.calls).containsExactly("secretsmanager.GetSecretValue vulnsift/slack");
  }

  @Test
  void ssmParametersAreReadDecryptedByPathOrArn() {
    aws.parameters.put("/vulnsift/jira", "{\"apiToken\":\"t\"}");
    aws.parameters.put(SSM_ARN, "{\"botToken\":\"xoxb-1\"}");

    assertThat(resolver.resolve("ssm:/vulnsift/jira", "S").field("apiToken")).contains("t");
    assertThat(resolver.resolve(SSM_ARN, "S").field("botToken")).contains("xoxb-1");
    assertThat(aws.calls)
        .containsExactly(
            "AmazonSSM.GetParameter /vulnsift/jira decrypt=true",
            "AmazonSSM.GetParameter " + SSM_ARN + " decrypt=true");
  }

  @Test
  void anUnknownSecretNamesTheSettingAndIsNotCached() {
    assertThatThrownBy(() -> resolver.resolve(SM_ARN, "VULNSIFT_JIRA_SECRET_ARN"))
        .isInstanceOf(SecretException.class)
        .hasMessage(
            "cannot read VULNSIFT_JIRA_SECRET_ARN (Secrets Manager secret "
                + SM_ARN
                + "): ResourceNotFoundException: Secrets Manager can't find the specified secret.");
    assertThatThrownBy(() -> resolver.resolve("ssm:/nope", "VULNSIFT_SLACK_SECRET_ARN"))
        .hasMessageStartingWith(
            "cannot read VULNSIFT_SLACK_SECRET_ARN (SSM parameter /nope): ParameterNotFound");

    aws.secrets.put(SM_ARN, "created later");
    assertThat(resolver.resolve(SM_ARN, "VULNSIFT_JIRA_SECRET_ARN").plain())
        .isEqualTo("created later");
    assertThat(aws.count("secretsmanager.GetSecretValue")).isEqualTo(2);
  }

  @Test
  void referencesOfOtherServicesAreRejectedNamingTheSetting() {
    assertThatThrownBy(
            () -> resolver.resolve("arn:aws:s3:::bucket/key", "VULNSIFT_JIRA_SECRET_ARN"))
        .isInstanceOf(SecretException.class)
        .hasMessageContaining("VULNSIFT_JIRA_SECRET_ARN is not a usable secret reference")
        .hasMessageContaining("arn:aws:s3:::bucket/key");
    assertThat(aws.calls).isEmpty();
  }

  @Test
  void concurrentFirstUsesFetchOnce() throws Exception {
    aws.secrets.put(SM_ARN, "{\"pat\":\"p\"}");
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Callable<SecretValue>> tasks = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        tasks.add(() -> resolver.resolve(SM_ARN, "S"));
      }
      for (Future<SecretValue> f : pool.invokeAll(tasks)) {
        assertThat(f.get().field("pat")).contains("p");
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(aws.count("secretsmanager.GetSecretValue")).isEqualTo(1);
  }

  @Test
  void parsesReferences() {
    assertThat(SecretReference.parse(" ssm:/a/b "))
        .isEqualTo(new SecretReference(SecretReference.Store.SSM, "/a/b"));
    assertThat(SecretReference.parse(SSM_ARN).store()).isEqualTo(SecretReference.Store.SSM);
    assertThat(SecretReference.parse(SM_ARN))
        .isEqualTo(new SecretReference(SecretReference.Store.SECRETS_MANAGER, SM_ARN));
    assertThatThrownBy(() -> SecretReference.parse(" "))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
