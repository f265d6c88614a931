package io.vulnsift.engine.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * One intended side effect (SPEC §4): {@code action} is the operation ({@code jira.create}, {@code
 * slack.post}, {@code state.baseline}, …), {@code request} the exact payload; {@code target}, for a
 * follow-up, names what it updates (the Jira key, the Slack channel and ts).
 */
public record PlanLine(
    String workflow,
    String action,
    Map<String, String> key,
    List<String> affectedImages,
    JsonNode request,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> target) {

  public PlanLine(
      String workflow,
      String action,
      Map<String, String> key,
      List<String> affectedImages,
      JsonNode request) {
    this(workflow, action, key, affectedImages, request, Map.of());
  }
}
