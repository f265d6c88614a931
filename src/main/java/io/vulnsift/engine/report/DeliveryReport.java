package io.vulnsift.engine.report;

import java.util.Map;

/**
 * What happened to one (group, action).
 *
 * @param outcome {@code delivered}, {@code outbox}, {@code failed}, {@code planned}, {@code
 *     already-delivered}, {@code held-by-other-run}
 * @param result recorded result (Jira key, Slack ts, …)
 * @param error why it failed, when it did
 */
public record DeliveryReport(
    String operation, String outcome, Map<String, String> result, String error) {}
