package io.vulnsift.sources.ecr;

import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.ecr.EcrClient;

/** Real SDK clients pointed at fakes: static credentials, fixed regions, millisecond backoff. */
public final class EcrTestClients {

  public static final String DEFAULT_REGION = "us-east-1";

  private EcrTestClients() {}

  public static RetryStrategy fastRetries(int maxAttempts) {
    return EcrClients.retryStrategy(maxAttempts, Duration.ofMillis(2), Duration.ofMillis(5));
  }

  /** One fake per region; {@code null} (the default region) is {@value #DEFAULT_REGION}. */
  public static Function<String, EcrClient> factory(
      Map<String, FakeEcr> byRegion, RetryStrategy retry) {
    return region -> {
      String r = region == null ? DEFAULT_REGION : region;
      FakeEcr fake = byRegion.get(r);
      if (fake == null) {
        throw new IllegalArgumentException("no fake ECR for region " + r);
      }
      return EcrClients.configure(EcrClient.builder(), retry)
          .region(Region.of(r))
          .endpointOverride(fake.endpoint())
          .credentialsProvider(
              StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret")))
          .build();
    };
  }

  public static EcrFindingSource source(EcrSettings settings, FakeEcr fake) {
    return new EcrFindingSource(
        settings, factory(Map.of(DEFAULT_REGION, fake), fastRetries(EcrClients.MAX_ATTEMPTS)));
  }
}
