package io.vulnsift.model;

import java.time.Instant;

/**
 * One container instance seen at runtime: the public DynamoDB inventory item (SPEC §4). Other tools
 * write these, so every field except the keys and {@code lastSeenAt} may be absent.
 *
 * @param imageDigest {@code sha256:…} digest the container runs (partition key)
 * @param containerId stable id of the container within the inventory (sort key)
 * @param status {@code running}, {@code waiting}, {@code terminated} or {@code stopped}
 * @param lastSeenAt when a feed last saw the container
 * @param expiresAt TTL; a record past it is treated as absent even before DynamoDB deletes it
 * @param source which feed wrote it ({@code kubernetes}, {@code ecs}, …)
 */
public record InventoryRecord(
    String imageDigest,
    String containerId,
    String registry,
    String repository,
    String imageName,
    String cluster,
    String namespace,
    String workload,
    String container,
    String status,
    String releaseStage,
    String releaseProduct,
    String releaseVersion,
    String owner,
    Instant lastSeenAt,
    Instant expiresAt,
    String source) {

  public static final String RUNNING = "running";

  public boolean isRunning() {
    return RUNNING.equalsIgnoreCase(status);
  }
}
