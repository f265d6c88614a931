package io.vulnsift.actions.slack;

import io.vulnsift.engine.DeliveryException;
import java.util.Set;

/** A Web API answer {@code ok:false}: Slack's error code, with a hint at what to check. */
final class SlackApiError extends DeliveryException {

  /** Errors of {@code chat.update} that no retry can fix: the message cannot be edited any more. */
  private static final Set<String> CANNOT_EDIT =
      Set.of("message_not_found", "cant_update_message", "edit_window_closed");

  private final String error;

  SlackApiError(String method, String error) {
    super("Slack " + method + " failed: " + error + hint(error));
    this.error = error == null ? "" : error;
  }

  /** The alert was deleted, or is not editable by this bot or any more. */
  boolean cannotEdit() {
    return CANNOT_EDIT.contains(error);
  }

  static String hint(String error) {
    return switch (error == null ? "" : error) {
      case "invalid_auth", "not_authed", "token_revoked", "token_expired", "account_inactive" ->
          " (check VULNSIFT_SLACK_BOT_TOKEN)";
      case "not_in_channel" -> " (invite the bot to the channel)";
      case "channel_not_found" -> " (check the action's channel and that the bot can see it)";
      case "message_not_found" -> " (the alert was deleted)";
      case "cant_update_message" -> " (the alert was not posted by this bot)";
      case "edit_window_closed" -> " (the workspace no longer allows editing the alert)";
      default -> "";
    };
  }
}
