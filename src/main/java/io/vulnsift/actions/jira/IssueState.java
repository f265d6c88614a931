package io.vulnsift.actions.jira;

import com.fasterxml.jackson.databind.JsonNode;
import io.vulnsift.actions.template.Text;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * What a follow-up needs to know about an issue, from {@code GET /issue/{key}?fields=status,
 * resolution,resolutiondate,statuscategorychangedate}.
 *
 * @param status current status name
 * @param resolution resolution name, {@code null} when unresolved
 * @param resolvedAt when it was resolved: {@code resolutiondate}, else (workflows that never set a
 *     resolution, common in team-managed Cloud projects) when its status category last changed;
 *     {@code null} when unknown
 * @param done whether the status is in the Done category
 */
record IssueState(String status, String resolution, Instant resolvedAt, boolean done) {

  /** The fields to ask for; Data Center ignores the Cloud-only one. */
  static final String FIELDS = "status,resolution,resolutiondate,statuscategorychangedate";

  /** Jira's timestamp form, {@code 2026-11-20T10:00:00.000+0000}: no colon in the offset. */
  private static final DateTimeFormatter JIRA_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");

  static IssueState of(JsonNode issue) {
    JsonNode fields = issue.path("fields");
    String resolution = fields.path("resolution").path("name").asText(null);
    Instant resolvedAt = time(fields.path("resolutiondate").asText(null));
    if (resolvedAt == null) {
      resolvedAt = time(fields.path("statuscategorychangedate").asText(null));
    }
    JsonNode status = fields.path("status");
    boolean done = "done".equals(status.path("statusCategory").path("key").asText());
    return new IssueState(status.path("name").asText("?"), resolution, resolvedAt, done);
  }

  /** Resolved either way: a resolution is set, or the status is in the Done category. */
  boolean resolved() {
    return resolution != null || done;
  }

  static Instant time(String text) {
    if (Text.isBlank(text)) {
      return null;
    }
    for (DateTimeFormatter format :
        new DateTimeFormatter[] {JIRA_TIME, DateTimeFormatter.ISO_OFFSET_DATE_TIME}) {
      try {
        return OffsetDateTime.parse(text.trim(), format).toInstant();
      } catch (DateTimeParseException next) {
        // try the next form
      }
    }
    return null;
  }
}
