package io.vulnsift.actions.jira;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vulnsift.actions.template.Text;
import io.vulnsift.engine.FollowUp;
import io.vulnsift.engine.PlannedRequest;
import io.vulnsift.workflow.Action;
import java.util.Optional;

/**
 * Plans the follow-ups of an issue the action created; pure, like the create plan.
 *
 * <ul>
 *   <li>{@code RENOTIFY} → {@code jira.comment}: exactly the {@code POST /issue/{key}/comment}
 *       body, {@code {"body": …}}.
 *   <li>{@code RESOLVE}, {@code REOPEN} → {@code jira.transition}: {@code {"transition":{"name":
 *       "Done"},"update":{"comment":[{"add":{"body": …}}]}}}, the {@code POST
 *       /issue/{key}/transitions} body except that Jira wants the transition's id, which only the
 *       issue's transitions tell at delivery. The name is the configured {@code resolveTransition}
 *       / {@code reopenTransition}; the fallbacks, the reopen conditions and what is sent instead
 *       are described on {@link IssueLifecycle}.
 * </ul>
 *
 * <p>Nothing is planned without a recorded {@code jiraKey} (e.g. the group went to the outbox):
 * there is no issue to follow up.
 */
final class JiraFollowUps {

  static final String COMMENT = "jira.comment";
  static final String TRANSITION = "jira.transition";

  private JiraFollowUps() {}

  static Optional<PlannedRequest> plan(
      Action.Jira action, FollowUp followUp, JiraSettings.Flavour flavour) {
    if (Text.isBlank(followUp.delivered().get("jiraKey"))) {
      return Optional.empty();
    }
    JsonNode comment = FollowUpComment.body(followUp, flavour);
    return Optional.of(
        switch (followUp.kind()) {
          case RENOTIFY ->
              new PlannedRequest(
                  COMMENT, JsonNodeFactory.instance.objectNode().set("body", comment));
          case RESOLVE ->
              new PlannedRequest(TRANSITION, transition(action.resolveTransition(), comment));
          case REOPEN ->
              new PlannedRequest(TRANSITION, transition(action.reopenTransition(), comment));
        });
  }

  static ObjectNode transition(String name, JsonNode comment) {
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.putObject("transition").put("name", name);
    body.putObject("update").putArray("comment").addObject().putObject("add").set("body", comment);
    return body;
  }

  /** The comment a planned request carries, either form. */
  static JsonNode comment(JsonNode planned) {
    return planned.has("body") ? planned.get("body") : planned.at("/update/comment/0/add/body");
  }
}
