package io.vulnsift.actions.slack;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vulnsift.actions.template.Mrkdwn;
import io.vulnsift.actions.template.TemplateModel;
import io.vulnsift.actions.template.TemplateTarget;
import io.vulnsift.actions.template.Templates;
import io.vulnsift.actions.template.Text;
import io.vulnsift.engine.Alert;
import io.vulnsift.workflow.Action;

/**
 * The {@code chat.postMessage} body of a Slack action (or the incoming-webhook payload, which has
 * no {@code channel}), to the channel {@link SlackRouting} picks: {@code text} from the action's
 * template as the notification fallback, {@link SlackBlocks} for the message, and no link unfurling
 * (advisory pages would bury the alert).
 */
public final class SlackMessage {

  /** Notification text is short; Slack itself cuts at 40,000. */
  public static final int TEXT_MAX = 3000;

  public static final String DEFAULT_TEXT =
      "{{ maxSeverity }} {{ finding.vulnerabilityId }} in {{ finding.packageName }}"
          + " {{ finding.packageVersion }} ({{ finding.repository }}),"
          + " {{ workloads | length }} running workload(s)";

  /** The message metadata type of an alert; its payload holds the fingerprint and workflow. */
  public static final String EVENT_TYPE = "vulnsift_alert";

  private SlackMessage() {}

  public static ObjectNode build(Action.Slack action, Alert alert) {
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    if (Text.isBlank(action.webhookUrl())) {
      body.put("channel", SlackRouting.channel(action, alert.group()));
    }
    String template = Text.isBlank(action.text()) ? DEFAULT_TEXT : action.text();
    String text = Templates.render(TemplateTarget.SLACK_MRKDWN, template, TemplateModel.of(alert));
    body.put("text", Mrkdwn.truncate(text.strip(), TEXT_MAX));
    body.set("blocks", SlackBlocks.build(alert));
    body.put("unfurl_links", false);
    body.put("unfurl_media", false);
    // Message metadata carries the group's identity, so a later update or lookup is exact.
    ObjectNode metadata = body.putObject("metadata").put("event_type", EVENT_TYPE);
    metadata
        .putObject("event_payload")
        .put("fingerprint", alert.group().fingerprint())
        .put("workflow", alert.workflow());
    return body;
  }
}
