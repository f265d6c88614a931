package io.vulnsift.actions.jira;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vulnsift.engine.DeliveryException;
import io.vulnsift.engine.FollowUp;
import io.vulnsift.engine.PlannedRequest;
import io.vulnsift.workflow.Action;
import io.vulnsift.workflow.Durations;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Sends the follow-ups {@link JiraFollowUps} planned, with the create's retries (429, 5xx).
 *
 * <p>Both transitions first read the issue ({@code GET /issue/{key}?fields=status,resolution,…}):
 *
 * <ul>
 *   <li>Resolve: an issue that is already resolved (a resolution, or a Done-category status) only
 *       gets the comment — re-transitioning it could overwrite a person's "Won't Fix".
 *   <li>Reopen: only an issue resolved within {@code reopenWindow} of the run's clock, whose
 *       resolution is not in {@code neverReopen}; otherwise, or when it is open anyway, only the
 *       comment, saying why it was not reopened.
 * </ul>
 *
 * <p>Then {@code GET /issue/{key}/transitions?expand=transitions.fields} gives the id of the
 * transition {@link Transitions#pick} chooses. The planned body is sent with {@code name} replaced
 * by that {@code id}; when the transition's screen has no comment field (Jira would reject the
 * comment), the transition is sent alone and the comment posted after it. When no transition fits,
 * the comment is posted with a note instead: that is a normal outcome, never a failure.
 */
final class IssueLifecycle {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private final JiraClient client;

  IssueLifecycle(JiraClient client) {
    this.client = client;
  }

  Map<String, String> deliver(Action.Jira action, PlannedRequest request, FollowUp followUp) {
    String key = followUp.delivered().get("jiraKey");
    if (key == null || key.isBlank()) {
      throw new DeliveryException("no Jira issue was recorded for this group; nothing to update");
    }
    JsonNode comment = JiraFollowUps.comment(request.payload());
    if (!JiraFollowUps.TRANSITION.equals(request.operation())) {
      return commented(key, comment, followUp);
    }
    IssueState issue =
        IssueState.of(client.getJson(issueUrl(key) + "?fields=" + IssueState.FIELDS));
    if (followUp.kind() == FollowUp.Kind.REOPEN) {
      Optional<String> reason = notReopened(action, issue, followUp.alert().now());
      if (reason.isPresent()) {
        return commented(key, FollowUpComment.withNote(comment, reason.get()), followUp);
      }
      return transition(
          key, request, action.reopenTransition(), action.reopenFallbacks(), followUp);
    }
    if (issue.resolved()) {
      String note =
          "The issue is already resolved (status "
              + issue.status()
              + "); its status was left as is.";
      return commented(key, FollowUpComment.withNote(comment, note), followUp);
    }
    return transition(
        key, request, action.resolveTransition(), action.resolveFallbacks(), followUp);
  }

  /** Why a regression does not reopen the issue, or empty when it does. */
  static Optional<String> notReopened(Action.Jira action, IssueState issue, Instant now) {
    if (!issue.resolved()) {
      return Optional.of("The issue is not resolved (status " + issue.status() + ").");
    }
    if (issue.resolution() != null
        && action.neverReopen().stream()
            .anyMatch(r -> Transitions.norm(r).equals(Transitions.norm(issue.resolution())))) {
      return Optional.of(
          "Not reopened: issues resolved as " + issue.resolution() + " are never reopened.");
    }
    if (issue.resolvedAt() == null) {
      return Optional.of("Not reopened: Jira does not tell when the issue was resolved.");
    }
    if (issue.resolvedAt().isBefore(now.minus(action.reopenWindow()))) {
      return Optional.of(
          "Not reopened: it was resolved on "
              + issue.resolvedAt()
              + ", more than "
              + Durations.format(action.reopenWindow())
              + " ago (reopenWindow).");
    }
    return Optional.empty();
  }

  private Map<String, String> transition(
      String key, PlannedRequest request, String wanted, List<String> fallbacks, FollowUp f) {
    JsonNode all = client.getJson(issueUrl(key) + "/transitions?expand=transitions.fields");
    Optional<JsonNode> chosen = Transitions.pick(all, wanted, fallbacks);
    JsonNode comment = JiraFollowUps.comment(request.payload());
    if (chosen.isEmpty()) {
      String note =
          "No transition to "
              + String.join(", ", Transitions.names(wanted, fallbacks))
              + " is available from the issue's current status, so its status was left as is.";
      return commented(key, FollowUpComment.withNote(comment, note), f);
    }
    JsonNode t = chosen.get();
    ObjectNode body = request.payload().deepCopy();
    ((ObjectNode) body.get("transition")).removeAll().put("id", t.get("id").asText());
    boolean separateComment = !Transitions.takesComment(t);
    if (separateComment) {
      body.remove("update");
    }
    client.send("POST", issueUrl(key) + "/transitions", body.toString(), false);
    if (separateComment) {
      postComment(key, comment);
    }
    Map<String, String> result = result(f, "transition");
    result.put("jiraStatus", Transitions.target(t));
    return result;
  }

  private Map<String, String> commented(String key, JsonNode comment, FollowUp f) {
    postComment(key, comment);
    return result(f, "comment");
  }

  private void postComment(String key, JsonNode comment) {
    String body = JSON.objectNode().set("body", comment).toString();
    client.send("POST", issueUrl(key) + "/comment", body, false);
  }

  /** What was recorded at creation stays (later follow-ups need it), plus what was done now. */
  private static Map<String, String> result(FollowUp f, String done) {
    Map<String, String> result = new LinkedHashMap<>(f.delivered());
    result.put("jiraFollowUp", done);
    return result;
  }

  private String issueUrl(String key) {
    return client.api() + "/issue/" + URLEncoder.encode(key, StandardCharsets.UTF_8);
  }
}
