package io.vulnsift.sources.ecr;

import java.time.Duration;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.EcrClientBuilder;

/** Builds ECR clients the way {@link EcrFindingSource} needs them. */
public final class EcrClients {

  /** Attempts per call, the first included: a throttling storm has to outlast this. */
  public static final int MAX_ATTEMPTS = 10;

  private EcrClients() {}

  /**
   * A client configured the SDK's way: credentials from the default chain, region from it when
   * {@code region} is {@code null}, and the endpoint overrides {@code AWS_ENDPOINT_URL} / {@code
   * AWS_ENDPOINT_URL_ECR} (system properties {@code aws.endpointUrl} / {@code aws.endpointUrlEcr}),
   * which the SDK applies by itself (a test checks the system properties; the variables are read by
   * the same SDK code). Throttling is retried with full-jitter exponential backoff from 200 ms
   * (other retryable errors from 100 ms), capped at 20 s, for at most {@value #MAX_ATTEMPTS}
   * attempts.
   */
  public static EcrClient fromEnvironment(String region) {
    EcrClientBuilder b =
        configure(
            EcrClient.builder(),
            retryStrategy(MAX_ATTEMPTS, Duration.ofMillis(100), Duration.ofMillis(200)));
    if (region != null) {
      b.region(Region.of(region));
    }
    return b.build();
  }

  /**
   * Applies what every ECR client of this source needs: the URLConnection HTTP client, the retry
   * strategy, and the interceptor that counts calls and retries for {@code Fetched.calls()}.
   */
  public static EcrClientBuilder configure(EcrClientBuilder builder, RetryStrategy retry) {
    return builder
        .httpClientBuilder(UrlConnectionHttpClient.builder())
        .overrideConfiguration(
            c -> c.retryStrategy(retry).addExecutionInterceptor(EcrCalls.INTERCEPTOR));
  }

  /**
   * The standard AWS strategy (retries throttling, 5xx and I/O errors) with full-jitter exponential
   * backoff: {@code base} doubles per attempt up to 20 s; throttling errors start from {@code
   * throttlingBase}. The circuit breaker is off: once failures drain its per-client token bucket it
   * stops retrying altogether, which a long throttling storm over thousands of calls reaches while
   * each call would still succeed after a pause; attempts per call and concurrency are bounded
   * instead.
   */
  public static RetryStrategy retryStrategy(
      int maxAttempts, Duration base, Duration throttlingBase) {
    Duration cap = Duration.ofSeconds(20);
    return AwsRetryStrategy.standardRetryStrategy().toBuilder()
        .maxAttempts(maxAttempts)
        .backoffStrategy(BackoffStrategy.exponentialDelay(base, cap))
        .throttlingBackoffStrategy(BackoffStrategy.exponentialDelay(throttlingBase, cap))
        .circuitBreakerEnabled(false)
        .build();
  }
}
