package io.vulnsift.actions.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vulnsift.actions.http.RetryPolicy;
import io.vulnsift.actions.template.Text;
import io.vulnsift.engine.ActionHandler;
import io.vulnsift.engine.Alert;
import io.vulnsift.engine.DeliveryException;
import io.vulnsift.engine.FollowUp;
import io.vulnsift.engine.PlannedRequest;
import io.vulnsift.engine.report.RequestCounts;
import io.vulnsift.secrets.Lazy;
import io.vulnsift.workflow.Action;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Delivers a new group as a Slack message ({@code slack.post}): {@code chat.postMessage} with the
 * bot token, to the channel of the group's owner ({@link SlackRouting}), or the action's incoming
 * webhook. Above the action's {@code floodCap} per channel and run, {@link SlackFlood} sends one
 * digest and threads the alerts under it ({@code slack.digest}, {@code slack.reply}); an alert with
 * more affected images than it shows gets the full list in its thread ({@link SlackSplit}). The
 * body is built by {@link SlackMessage}; the {@code text} template sees the variables documented on
 * {@link io.vulnsift.actions.template.TemplateModel}. The SDK client is created on first delivery,
 * so plans and dry runs never start an HTTP client.
 *
 * <p>Follow-ups of an alert ({@link SlackFollowUps}): re-notifications and regressions are thread
 * replies ({@code slack.reply}); a resolve edits the alert and replies ({@code slack.update}).
 * Alerts sent through a webhook get none: a webhook can neither edit nor thread.
 */
@ApplicationScoped
public class SlackActionHandler implements ActionHandler<Action.Slack> {

  public static final String OPERATION = "slack.post";

  private static final System.Logger LOG = System.getLogger(SlackActionHandler.class.getName());

  private final SlackSettings settings;
  private final RequestCounts requests = new RequestCounts();
  private final Lazy<SlackClient> client;

  @Inject
  public SlackActionHandler(SlackConfig config) {
    this(SlackSettings.from(config), RetryPolicy.DEFAULT, config.timeout());
  }

  public SlackActionHandler(SlackSettings settings) {
    this(settings, RetryPolicy.DEFAULT);
  }

  public SlackActionHandler(SlackSettings settings, RetryPolicy retry) {
    this(settings, retry, SlackClient.DEFAULT_TIMEOUT);
  }

  public SlackActionHandler(SlackSettings settings, RetryPolicy retry, Duration timeout) {
    this.settings = settings;
    this.client = new Lazy<>(() -> new SlackClient(settings, retry, requests, timeout));
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
    return SlackFlood.plan(action, alert)
        .orElseGet(
            () -> {
              ObjectNode post = SlackMessage.build(action, alert);
              return SlackSplit.plan(post, alert)
                  .orElseGet(() -> new PlannedRequest(OPERATION, post));
            });
  }

  @Override
  public Map<String, Integer> requestCounts() {
    return requests.snapshot();
  }

  @Override
  public boolean configured(Action.Slack action) {
    return !Text.isBlank(action.webhookUrl()) || settings.hasBotToken();
  }

  @Override
  public Map<String, String> deliver(Action.Slack action, PlannedRequest request, Alert alert) {
    boolean webhook = !Text.isBlank(action.webhookUrl());
    if (!webhook) {
      requireBotChannel(action);
    }
    return switch (request.operation()) {
      case OPERATION ->
          webhook
              ? client.get().send(action.webhookUrl(), request.payload())
              : postOnce(request.payload(), alert);
      case SlackSplit.SPLIT -> SlackSplit.deliver(client.get(), request.payload());
      // slack.digest, slack.reply, slack.digested
      default -> SlackFlood.deliver(client.get(), action, request, alert);
    };
  }

  /**
   * Posts the alert, unless an earlier attempt of this delivery that never confirmed it (a crash, a
   * timeout, a lost answer) did post it: then that message is the delivery (SPEC §3). A webhook
   * cannot be searched; its alerts keep the at-least-once of a retry.
   */
  private Map<String, String> postOnce(JsonNode body, Alert alert) {
    if (alert.resumesUnfinished()) {
      String channel = body.path("channel").asText();
      Optional<Map<String, String>> earlier =
          client.get().findPosted(channel, alert.group().fingerprint(), alert.workflow());
      if (earlier.isPresent()) {
        LOG.log(
            System.Logger.Level.INFO,
            "Slack alert of group {0} was already posted to {1}",
            alert.group().fingerprint(),
            channel);
        return earlier.get();
      }
    }
    return client.get().post(body);
  }

  private void requireBotChannel(Action.Slack action) {
    if (!settings.hasBotToken()) {
      throw new DeliveryException(
          "Slack is not configured: set VULNSIFT_SLACK_BOT_TOKEN or the action's webhookUrl");
    }
    if (Text.isBlank(action.channel())) {
      throw new DeliveryException("Slack action '" + action.id() + "' has no channel");
    }
  }

  /** See {@link SlackFollowUps}: thread replies and the resolved edit; nothing for webhooks. */
  @Override
  public Optional<PlannedRequest> planFollowUp(Action.Slack action, FollowUp followUp) {
    return SlackFollowUps.plan(action, followUp);
  }

  /**
   * Sends a planned follow-up. On resolve the edit comes first and the reply second, so a retry
   * after a failed reply edits again (harmless) rather than replying twice. An alert that can no
   * longer be edited (deleted, too old) still gets the reply: retrying could never fix it.
   */
  @Override
  public Map<String, String> deliverFollowUp(
      Action.Slack action, PlannedRequest request, FollowUp followUp) {
    if (!settings.hasBotToken()) {
      throw new DeliveryException("Slack follow-ups need VULNSIFT_SLACK_BOT_TOKEN");
    }
    JsonNode payload = request.payload();
    Map<String, String> result = new LinkedHashMap<>(followUp.delivered());
    if (SlackFollowUps.UPDATE.equals(request.operation())) {
      try {
        client.get().update(payload.get("update"));
        result.put("slackUpdate", "resolved");
      } catch (SlackApiError e) {
        if (!e.cannotEdit()) {
          throw e;
        }
        LOG.log(
            System.Logger.Level.WARNING, "Slack alert not marked resolved: {0}", e.getMessage());
        result.put("slackUpdate", "skipped");
      }
      payload = payload.get("reply");
    }
    result.put("slackReplyTs", client.get().post(payload).get("slackTs"));
    return result;
  }
}
