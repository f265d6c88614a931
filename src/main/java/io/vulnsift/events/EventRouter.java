package io.vulnsift.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vulnsift.engine.port.FindingSource.ImageRef;
import io.vulnsift.events.RoutedEvent.Rejected;
import io.vulnsift.events.RoutedEvent.RunForImage;
import io.vulnsift.events.RoutedEvent.RunWorkflow;
import io.vulnsift.model.ImageReference;
import io.vulnsift.workflow.Triggers.EventKind;
import java.time.Instant;

/**
 * Dispatches raw EventBridge JSON on {@code source} + {@code detail-type} (SPEC §4). Works on the
 * JSON tree, not on typed event classes: the EventBridge Scheduler's default payload carries {@code
 * "detail": "{}"} as a string, which typed deserializers reject.
 */
public final class EventRouter {
  private final ObjectMapper json;
  private final String schedulePrefix;
  private final EcsTaskEvents ecs;

  /**
   * @param schedulePrefix removed from a rule/schedule name to get the workflow name ({@code
   *     vulnsift-})
   */
  public EventRouter(ObjectMapper json, String schedulePrefix, EcsTaskEvents ecs) {
    this.json = json;
    this.schedulePrefix = schedulePrefix;
    this.ecs = ecs;
  }

  public RoutedEvent route(String text, Instant now) {
    JsonNode event;
    try {
      event = json.readTree(text);
    } catch (JsonProcessingException e) {
      return new Rejected("not JSON: " + e.getOriginalMessage());
    }
    if (event == null || !event.isObject()) {
      return new Rejected("not a JSON object");
    }
    if (event.hasNonNull("workflow") && !event.has("source")) {
      // explicit schedule input
      JsonNode workflow = event.get("workflow");
      return workflow.isTextual() && !workflow.asText().isBlank()
          ? new RunWorkflow(workflow.asText())
          : new Rejected(
              "schedule input whose \"workflow\" is not a workflow name ("
                  + workflow.getNodeType()
                  + ")");
    }
    String source = event.path("source").asText("");
    String type = event.path("detail-type").asText("");
    JsonNode detail = event.path("detail");
    switch (source + " / " + type) {
      case "aws.events / Scheduled Event", "aws.scheduler / Scheduled Event":
        return scheduled(event);
      case "aws.ecr / ECR Image Scan":
        if (!"COMPLETE".equals(detail.path("scan-status").asText())) {
          return new Rejected("ECR Image Scan with scan-status " + detail.path("scan-status"));
        }
        return image(
            EventKind.ECR_IMAGE_SCAN,
            event.path("account").asText(null),
            detail.path("repository-name").asText(""),
            detail.path("image-digest").asText(""));
      case "aws.inspector2 / Inspector2 Scan":
        return image(
            EventKind.INSPECTOR2_SCAN,
            event.path("account").asText(null),
            Arns.repositoryName(detail.path("repository-name").asText("")),
            detail.path("image-digest").asText(""));
      case "aws.inspector2 / Inspector2 Finding":
        JsonNode img =
            detail.path("resources").path(0).path("details").path("awsEcrContainerImage");
        return image(
            EventKind.INSPECTOR2_FINDING,
            img.path("registry").asText(event.path("account").asText(null)),
            img.path("repositoryName").asText(""),
            img.path("imageHash").asText(""));
      case "aws.ecs / ECS Task State Change":
        return ecs.records(detail, now);
      default:
        return new Rejected(
            "unsupported event: source '" + source + "', detail-type '" + type + "'");
    }
  }

  private RoutedEvent scheduled(JsonNode event) {
    JsonNode resources = event.path("resources");
    if (!resources.isArray() || resources.isEmpty()) {
      return new Rejected("Scheduled Event without resources: cannot tell which workflow to run");
    }
    String arn = resources.get(0).asText("");
    String name = arn.substring(arn.lastIndexOf('/') + 1);
    if (!schedulePrefix.isEmpty() && name.startsWith(schedulePrefix)) {
      name = name.substring(schedulePrefix.length());
    }
    return name.isEmpty()
        ? new Rejected("Scheduled Event resource '" + arn + "' names no workflow")
        : new RunWorkflow(name);
  }

  private static RoutedEvent image(
      EventKind kind, String registry, String repository, String digest) {
    if (repository.isEmpty() || !ImageReference.isDigest(digest)) {
      return new Rejected(kind.yamlName() + " event without a repository name and image digest");
    }
    return new RunForImage(kind, new ImageRef(registry, repository, digest));
  }
}
