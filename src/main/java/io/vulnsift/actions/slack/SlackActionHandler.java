package io.vulnsift.actions.slack;

import io.vulnsift.actions.http.RetryPolicy;
import io.vulnsift.actions.template.Text;
import io.vulnsift.engine.ActionHandler;
import io.vulnsift.engine.Alert;
import io.vulnsift.engine.DeliveryException;
import io.vulnsift.engine.PlannedRequest;
import io.vulnsift.workflow.Action;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;

/**
 * Delivers a new group as a Slack message ({@code slack.post}): {@code chat.postMessage} with the
 * bot token, or the action's incoming webhook. The body is built by {@link SlackMessage}; the
 * {@code text} template sees the variables documented on {@link
 * io.vulnsift.actions.template.TemplateModel}. The SDK client is created on first delivery, so
 * plans and dry runs never start an HTTP client.
 */
@ApplicationScoped
public class SlackActionHandler implements ActionHandler<Action.Slack> {

  public static final String OPERATION = "slack.post";

  private final SlackSettings settings;
  private final RetryPolicy retry;
  private volatile SlackClient client;

  @Inject
  public SlackActionHandler(SlackConfig config) {
    this(SlackSettings.from(config));
  }

  public SlackActionHandler(SlackSettings settings) {
    this(settings, RetryPolicy.DEFAULT);
  }

  public SlackActionHandler(SlackSettings settings, RetryPolicy retry) {
    this.settings = settings;
    this.retry = retry;
  }

  @Override
  public String type() {
    return "slack";
  }

  @Override
  public Class<Action.Slack> actionClass() {
    return Action.Slack.class;
  }

  @Override
  public PlannedRequest plan(Action.Slack action, Alert alert) {
    return new PlannedRequest(OPERATION, SlackMessage.build(action, alert));
  }

  @Override
  public boolean configured(Action.Slack action) {
    return !Text.isBlank(action.webhookUrl()) || settings.hasBotToken();
  }

  @Override
  public Map<String, String> deliver(Action.Slack action, PlannedRequest request, Alert alert) {
    if (!Text.isBlank(action.webhookUrl())) {
      return client().send(action.webhookUrl(), request.payload());
    }
    if (!settings.hasBotToken()) {
      throw new DeliveryException(
          "Slack is not configured: set VULNSIFT_SLACK_BOT_TOKEN or the action's webhookUrl");
    }
    if (Text.isBlank(action.channel())) {
      throw new DeliveryException("Slack action '" + action.id() + "' has no channel");
    }
    return client().post(request.payload());
  }

  private SlackClient client() {
    SlackClient c = client;
    if (c == null) {
      synchronized (this) {
        if (client == null) {
          client = new SlackClient(settings, retry);
        }
        c = client;
      }
    }
    return c;
  }
}
