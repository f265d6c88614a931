package io.vulnsift.engine;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One intended side effect: the plan's {@code action} (e.g. {@code jira.create}, {@code
 * slack.post}) and the exact payload that is sent.
 */
public record PlannedRequest(String operation, JsonNode payload) {}
