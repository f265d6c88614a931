package io.vulnsift.actions.slack;

import io.vulnsift.actions.template.Text;
import io.vulnsift.engine.DeliveryException;
import io.vulnsift.secrets.SecretResolver;
import io.vulnsift.secrets.SecretValue;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Resolved Slack settings. {@link #toString()} never shows the token.
 *
 * <p>In AWS the bot token may come from a secret ({@code VULNSIFT_SLACK_SECRET_ARN}): a JSON object
 * with {@code botToken}, or the plain token. It is read by {@link #botToken()} — at delivery, never
 * at start-up (no secret in a SnapStart snapshot) — and re-read after the resolver's TTL, so a
 * rotated token is picked up.
 *
 * @param botToken bot token (secret), {@code null} when unset
 * @param apiUrl Web API base URL, ending with {@code /}
 * @param secret where the token comes from when {@code botToken} is unset, or {@code null}
 */
public record SlackSettings(String botToken, String apiUrl, Supplier<SecretValue> secret) {

  public static final String DEFAULT_API_URL = "https://slack.com/api/";
  public static final String SECRET_SETTING = "VULNSIFT_SLACK_SECRET_ARN";
  public static final SlackSettings NONE = new SlackSettings(null, null);

  public SlackSettings {
    apiUrl = Text.isBlank(apiUrl) ? DEFAULT_API_URL : apiUrl.trim();
    // The SDK appends the method name to this prefix as is.
    apiUrl = apiUrl.endsWith("/") ? apiUrl : apiUrl + "/";
  }

  /** Settings given directly, without a secret. */
  public SlackSettings(String botToken, String apiUrl) {
    this(botToken, apiUrl, null);
  }

  public static SlackSettings from(SlackConfig config) {
    return from(config, SecretResolver::shared);
  }

  /** With {@code vulnsift.slack.secret-arn} read through the given resolver (created lazily). */
  public static SlackSettings from(SlackConfig config, Supplier<SecretResolver> resolver) {
    return new SlackSettings(
        config.botToken().orElse(null),
        config.apiUrl(),
        secret(config.secretArn().orElse(null), resolver));
  }

  /**
   * From environment variables ({@code VULNSIFT_SLACK_BOT_TOKEN}, {@code VULNSIFT_SLACK_API_URL},
   * {@code VULNSIFT_SLACK_SECRET_ARN}).
   */
  public static SlackSettings fromEnv(Map<String, String> env) {
    return new SlackSettings(
        env.get("VULNSIFT_SLACK_BOT_TOKEN"),
        env.get("VULNSIFT_SLACK_API_URL"),
        secret(env.get(SECRET_SETTING), SecretResolver::shared));
  }

  /** Reads the secret at each use; failures become a {@link DeliveryException} for the engine. */
  static Supplier<SecretValue> secret(String reference, Supplier<SecretResolver> resolver) {
    return SecretResolver.reader(
        reference,
        SECRET_SETTING,
        resolver,
        e -> new DeliveryException("Slack bot token unavailable: " + e.getMessage(), e));
  }

  /** The bot token: the one set directly, else read from the secret; never log it. */
  @Override
  public String botToken() {
    if (!Text.isBlank(botToken) || secret == null) {
      return botToken;
    }
    SecretValue value = secret.get();
    if (!value.isJson()) {
      return value.plain().trim();
    }
    return value
        .field("botToken", "bot_token", "token")
        .orElseThrow(
            () -> new DeliveryException("the secret " + SECRET_SETTING + " has no botToken field"));
  }

  /** Whether a token is available; a secret is only read at delivery, so it counts as one. */
  public boolean hasBotToken() {
    return !Text.isBlank(botToken) || secret != null;
  }

  @Override
  public String toString() {
    return "SlackSettings[botToken="
        + (!Text.isBlank(botToken) ? "<redacted>" : secret != null ? "<from secret>" : "<unset>")
        + ", apiUrl="
        + apiUrl
        + "]";
  }
}
