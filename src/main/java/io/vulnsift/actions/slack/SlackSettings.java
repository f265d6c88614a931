package io.vulnsift.actions.slack;

import io.vulnsift.actions.template.Text;
import java.util.Map;

/**
 * Resolved Slack settings. {@link #toString()} never shows the token.
 *
 * @param botToken bot token (secret), {@code null} when unset
 * @param apiUrl Web API base URL, ending with {@code /}
 */
public record SlackSettings(String botToken, String apiUrl) {

  public static final String DEFAULT_API_URL = "https://slack.com/api/";
  public static final SlackSettings NONE = new SlackSettings(null, null);

  public SlackSettings {
    apiUrl = Text.isBlank(apiUrl) ? DEFAULT_API_URL : apiUrl.trim();
    // The SDK appends the method name to this prefix as is.
    apiUrl = apiUrl.endsWith("/") ? apiUrl : apiUrl + "/";
  }

  public static SlackSettings from(SlackConfig config) {
    return new SlackSettings(config.botToken().orElse(null), config.apiUrl());
  }

  /**
   * From environment variables ({@code VULNSIFT_SLACK_BOT_TOKEN}, {@code VULNSIFT_SLACK_API_URL}).
   */
  public static SlackSettings fromEnv(Map<String, String> env) {
    return new SlackSettings(
        env.get("VULNSIFT_SLACK_BOT_TOKEN"), env.get("VULNSIFT_SLACK_API_URL"));
  }

  public boolean hasBotToken() {
    return !Text.isBlank(botToken);
  }

  @Override
  public String toString() {
    return "SlackSettings[botToken="
        + (hasBotToken() ? "<redacted>" : "<unset>")
        + ", apiUrl="
        + apiUrl
        + "]";
  }
}
