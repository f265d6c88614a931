package io.vulnsift.events;

import com.fasterxml.jackson.databind.JsonNode;
import io.vulnsift.events.RoutedEvent.Rejected;
import io.vulnsift.events.RoutedEvent.UpdateInventory;
import io.vulnsift.model.ImageReference;
import io.vulnsift.model.InventoryRecord;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns an {@code ECS Task State Change} into inventory records: one per container with a digest,
 * its status from the container's {@code lastStatus} (every container of a task that has stopped is
 * stopped, whatever it last reported); stage from a cluster → stage map, product and workload from
 * the task group ({@code service:NAME}). The container id {@code ecs/<cluster>/<task>/<container>}
 * is the same in every event of a task, so STOPPED overwrites RUNNING.
 */
public final class EcsTaskEvents {
  /** DynamoDB's limit for a sort key, in UTF-8 bytes. */
  private static final int CONTAINER_ID_MAX = 1024;

  private final Map<String, String> clusterStages;
  private final Duration ttl;

  public EcsTaskEvents(Map<String, String> clusterStages, Duration ttl) {
    this.clusterStages = Map.copyOf(clusterStages);
    this.ttl = ttl;
  }

  RoutedEvent records(JsonNode detail, Instant now) {
    String cluster = lastSegment(detail.path("clusterArn").asText(""));
    String task = lastSegment(detail.path("taskArn").asText(""));
    if (cluster.isEmpty() || task.isEmpty() || !detail.path("containers").isArray()) {
      return new Rejected("ECS Task State Change without clusterArn, taskArn or containers");
    }
    String group = detail.path("group").asText("");
    String taskStatus = detail.path("lastStatus").asText("");
    boolean taskStopped = status(taskStatus).equals("stopped");
    String service = group.startsWith("service:") ? group.substring("service:".length()) : group;
    List<InventoryRecord> out = new ArrayList<>();
    for (JsonNode c : detail.path("containers")) {
      String digest = c.path("imageDigest").asText("");
      if (!ImageReference.isDigest(digest)) {
        continue; // not pulled yet: nothing a finding could join to
      }
      String image = c.path("image").asText("");
      ImageReference ref = ImageReference.parse(image);
      String name = c.path("name").asText("");
      String containerId = "ecs/" + cluster + "/" + task + "/" + name;
      if (containerId.getBytes(StandardCharsets.UTF_8).length > CONTAINER_ID_MAX) {
        // ECS names are at most 255 characters; longer ones could not even be stored as a key
        return new Rejected("ECS Task State Change with names longer than ECS allows");
      }
      out.add(
          new InventoryRecord(
              digest,
              containerId,
              ref.registry(),
              ref.repository(),
              image,
              cluster,
              null,
              service.isEmpty() ? null : service,
              name,
              taskStopped ? "stopped" : status(c.path("lastStatus").asText(taskStatus)),
              clusterStages.get(cluster),
              service.isEmpty() ? null : service,
              null,
              null,
              now,
              now.plus(ttl),
              "ecs"));
    }
    // A PENDING task has no digests yet: a valid event with nothing to record, not a rejection.
    return new UpdateInventory(out);
  }

  private static String status(String ecsStatus) {
    return switch (ecsStatus.toUpperCase(Locale.ROOT)) {
      case "RUNNING" -> "running";
      case "STOPPED", "DEPROVISIONING" -> "stopped";
      default -> "waiting";
    };
  }

  private static String lastSegment(String arn) {
    return arn.substring(arn.lastIndexOf('/') + 1);
  }
}
