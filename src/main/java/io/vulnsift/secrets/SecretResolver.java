package io.vulnsift.secrets;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * Reads secrets from AWS Secrets Manager ({@code GetSecretValue}) or SSM Parameter Store ({@code
 * GetParameter} with decryption), see {@link SecretReference}, and caches each for a TTL so
 * rotation is picked up without a call per request. Failures are not cached: the next use tries
 * again. Values never reach a log line, a message or a {@code toString}.
 *
 * <p>The SDK clients are built on first use, not at start-up, so a Lambda SnapStart snapshot holds
 * neither clients nor secrets; they use the SDK's default region and credentials chains, which also
 * honour {@code AWS_ENDPOINT_URL}, {@code AWS_ENDPOINT_URL_SECRETS_MANAGER} and {@code
 * AWS_ENDPOINT_URL_SSM}.
 */
public final class SecretResolver {

  public static final Duration DEFAULT_TTL = Duration.ofMinutes(5);

  private static final System.Logger LOG = System.getLogger(SecretResolver.class.getName());
  private static final Lazy<SecretResolver> SHARED = new Lazy<>(SecretResolver::fromEnvironment);

  private record Entry(SecretValue value, Instant fetchedAt) {}

  private final Lazy<SecretsManagerClient> secretsManager;
  private final Lazy<SsmClient> ssm;
  private final Duration ttl;
  private final Clock clock;
  private final Map<String, Entry> cache = new ConcurrentHashMap<>();

  /** Clients are created by the suppliers on first use of their service. */
  public SecretResolver(
      Supplier<SecretsManagerClient> secretsManager,
      Supplier<SsmClient> ssm,
      Duration ttl,
      Clock clock) {
    this.secretsManager = new Lazy<>(secretsManager);
    this.ssm = new Lazy<>(ssm);
    this.ttl = ttl;
    this.clock = clock;
  }

  /**
   * A resolver whose clients are configured the SDK's way (built on first use): region and
   * credentials from the default chains, endpoint overrides {@code AWS_ENDPOINT_URL}, {@code
   * AWS_ENDPOINT_URL_SECRETS_MANAGER}, {@code AWS_ENDPOINT_URL_SSM} (or the system properties
   * {@code aws.endpointUrl…}) applied by the SDK itself, and its standard retry strategy for
   * throttling.
   */
  public static SecretResolver fromEnvironment() {
    return new SecretResolver(
        () ->
            SecretsManagerClient.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(c -> c.retryStrategy(RetryMode.STANDARD))
                .build(),
        () ->
            SsmClient.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(c -> c.retryStrategy(RetryMode.STANDARD))
                .build(),
        DEFAULT_TTL,
        Clock.systemUTC());
  }

  /**
   * A supplier that reads the secret on every call (the cache makes that cheap and picks up a
   * rotation after the TTL), for settings that hold it instead of the value; {@code null} when the
   * reference is blank. Failures are turned into the caller's exception type by {@code onFailure}.
   */
  public static Supplier<SecretValue> reader(
      String reference,
      String setting,
      Supplier<SecretResolver> resolver,
      Function<SecretException, ? extends RuntimeException> onFailure) {
    if (reference == null || reference.isBlank()) {
      return null;
    }
    return () -> {
      try {
        return resolver.get().resolve(reference, setting);
      } catch (SecretException e) {
        throw onFailure.apply(e);
      }
    };
  }

  /** The process-wide resolver {@link #fromEnvironment()}, created on first call. */
  public static SecretResolver shared() {
    return SHARED.get();
  }

  /**
   * The secret a reference points at, from the cache when fetched less than the TTL ago.
   *
   * @param reference see {@link SecretReference#parse(String)}
   * @param setting the setting that holds the reference, e.g. {@code VULNSIFT_JIRA_SECRET_ARN},
   *     named in errors
   * @throws SecretException when it cannot be read
   */
  public SecretValue resolve(String reference, String setting) {
    SecretReference ref;
    try {
      ref = SecretReference.parse(reference);
    } catch (IllegalArgumentException e) {
      throw new SecretException(
          setting + " is not a usable secret reference: " + e.getMessage(), e);
    }
    Instant now = clock.instant();
    // compute() runs once per key at a time, so concurrent first uses fetch once; a throwing
    // fetch leaves the map as it was, so a failure is never cached.
    return cache
        .compute(
            ref.store() + " " + ref.id(), (k, old) -> fresh(old, now) ? old : fetch(ref, setting))
        .value();
  }

  private boolean fresh(Entry entry, Instant now) {
    return entry != null && entry.fetchedAt().plus(ttl).isAfter(now);
  }

  private Entry fetch(SecretReference ref, String setting) {
    try {
      String value =
          switch (ref.store()) {
            case SECRETS_MANAGER ->
                secretsManager.get().getSecretValue(r -> r.secretId(ref.id())).secretString();
            case SSM ->
                ssm.get()
                    .getParameter(r -> r.name(ref.id()).withDecryption(true))
                    .parameter()
                    .value();
          };
      if (value == null) {
        throw new SecretException(
            "cannot read " + setting + " (" + ref + "): it has no string value (binary secret?)",
            null);
      }
      SecretValue secret = new SecretValue(value);
      if (!secret.isJson() && value.strip().startsWith("{")) {
        // Meant as JSON but broken: say so rather than use the whole text as one token.
        throw new SecretException(
            "cannot read " + setting + " (" + ref + "): its value is not a valid JSON object",
            null);
      }
      LOG.log(System.Logger.Level.DEBUG, "Read {0} for {1}", ref, setting);
      return new Entry(secret, clock.instant());
    } catch (AwsServiceException e) {
      throw new SecretException(
          "cannot read "
              + setting
              + " ("
              + ref
              + "): "
              + e.awsErrorDetails().errorCode()
              + ": "
              + e.awsErrorDetails().errorMessage(),
          e);
    } catch (SdkException e) {
      throw new SecretException("cannot read " + setting + " (" + ref + "): " + e.getMessage(), e);
    }
  }
}
