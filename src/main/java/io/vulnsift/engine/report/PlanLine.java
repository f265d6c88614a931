package io.vulnsift.engine.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * One intended side effect (SPEC §4): {@code action} is the operation ({@code jira.create}, {@code
 * slack.post}, {@code state.baseline}, …), {@code request} the exact payload.
 */
public record PlanLine(
    String workflow,
    String action,
    Map<String, String> key,
    List<String> affectedImages,
    JsonNode request) {}
