package io.vulnsift.actions.slack;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/**
 * Slack settings, from {@code application.properties} or the environment ({@code
 * VULNSIFT_SLACK_BOT_TOKEN} is {@code vulnsift.slack.bot-token}).
 */
@ConfigMapping(prefix = "vulnsift.slack")
public interface SlackConfig {

  /** Bot token ({@code xoxb-…}) for {@code chat.postMessage} ({@code VULNSIFT_SLACK_BOT_TOKEN}). */
  Optional<String> botToken();

  /** Web API base URL, overridable for tests and proxies ({@code VULNSIFT_SLACK_API_URL}). */
  @WithDefault(SlackSettings.DEFAULT_API_URL)
  String apiUrl();

  /**
   * In AWS: a Secrets Manager secret (ARN or name) or SSM parameter ({@code ssm:/path} or ARN)
   * holding the bot token, as {@code {"botToken": …}} or plain; used when {@code bot-token} is
   * unset, read at first delivery ({@code VULNSIFT_SLACK_SECRET_ARN}).
   */
  Optional<String> secretArn();

  /**
   * How long reading or writing one request may stall before it counts as failed ({@code
   * VULNSIFT_SLACK_TIMEOUT}; the SDK's HTTP client default). A post that timed out may still have
   * been posted; the next attempt looks for it before posting again.
   */
  @WithDefault("10s")
  Duration timeout();
}
