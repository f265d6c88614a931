package io.vulnsift.sources.ecr;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ecr.model.DescribeRegistryRequest;

/**
 * The caller's own registry id, asked once per source with {@code DescribeRegistry} (an account's
 * registry id is the same in every region). Without configured registry ids the source reads the
 * caller's registry only; knowing its id lets runtime-first skip running images pulled from other
 * accounts' registries (shared base images) instead of failing the run on their access denied.
 */
final class CallerRegistry {

  private final RegionClients clients;
  private final ExecutorService pool;
  private final String region;
  private volatile Optional<String> known;

  CallerRegistry(RegionClients clients, ExecutorService pool, String region) {
    this.clients = clients;
    this.pool = pool;
    this.region = region;
  }

  /**
   * The caller's registry id; empty when {@code DescribeRegistry} is not allowed — then every
   * account id the inventory names is asked for, and a denial fails the run as usual.
   */
  Optional<String> id(EcrCalls calls) {
    Optional<String> id = known;
    if (id == null) {
      synchronized (this) {
        if (known == null) {
          Callable<Optional<String>> ask = () -> describe(calls);
          known = Parallel.all(pool, List.of(ask)).get(0);
        }
        id = known;
      }
    }
    return id;
  }

  private Optional<String> describe(EcrCalls calls) {
    var request =
        DescribeRegistryRequest.builder().overrideConfiguration(EcrErrors.counted(calls)).build();
    try {
      return Optional.ofNullable(clients.get(region).describeRegistry(request).registryId());
    } catch (AwsServiceException e) {
      if ("AccessDeniedException".equals(e.awsErrorDetails().errorCode())) {
        return Optional.empty();
      }
      throw EcrErrors.wrap("DescribeRegistry", new ImageJob.Location(region, null, null), null, e);
    } catch (RuntimeException e) {
      throw EcrErrors.wrap("DescribeRegistry", new ImageJob.Location(region, null, null), null, e);
    }
  }
}
