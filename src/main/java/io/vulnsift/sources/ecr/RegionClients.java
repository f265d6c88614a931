package io.vulnsift.sources.ecr;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import software.amazon.awssdk.services.ecr.EcrClient;

/** One ECR client per region (ECR endpoints are regional), made on first use and then kept. */
final class RegionClients implements AutoCloseable {

  private final Function<String, EcrClient> factory;
  private final Map<Optional<String>, EcrClient> clients = new ConcurrentHashMap<>();
  private final boolean owned;

  /**
   * @param factory makes the client of a region; {@code null} means the SDK's default region
   * @param owned whether {@link #close()} closes the clients
   */
  RegionClients(Function<String, EcrClient> factory, boolean owned) {
    this.factory = factory;
    this.owned = owned;
  }

  EcrClient get(String region) {
    return clients.computeIfAbsent(Optional.ofNullable(region), r -> factory.apply(region));
  }

  @Override
  public void close() {
    if (owned) {
      clients.values().forEach(EcrClient::close);
    }
    clients.clear();
  }
}
