package io.vulnsift.actions.jira;

import io.vulnsift.actions.template.Text;
import io.vulnsift.engine.DeliveryException;
import io.vulnsift.secrets.SecretResolver;
import io.vulnsift.secrets.SecretValue;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Resolved Jira connection settings. The flavour follows the credentials: a personal access token
 * means Data Center (REST v2, wiki markup, bearer auth); otherwise Jira Cloud (REST v3, Atlassian
 * Document Format, basic auth with e-mail and API token) — Cloud is also what an unconfigured plan
 * shows. {@link #toString()} never shows a token.
 *
 * <p>In AWS the settings not given directly come from a secret ({@code VULNSIFT_JIRA_SECRET_ARN}):
 * a JSON object with {@code url}, {@code email}, {@code apiToken} and/or {@code pat}, or one plain
 * token (the API token when an e-mail is set, else a PAT). It is read through {@link #secret()} on
 * first use of a missing field — during a run, never at start-up, so a SnapStart snapshot holds no
 * secret — and re-read after the resolver's TTL, so a rotated token is picked up.
 *
 * @param url site base URL, {@code null} when unset
 * @param email Cloud account e-mail
 * @param apiToken Cloud API token (secret)
 * @param pat Data Center personal access token (secret)
 * @param secret where the missing fields come from, {@code null} when there is no secret; throws
 *     {@link DeliveryException} naming the setting when it cannot be read
 */
public record JiraSettings(
    String url, String email, String apiToken, String pat, Supplier<SecretValue> secret) {

  public static final String SECRET_SETTING = "VULNSIFT_JIRA_SECRET_ARN";

  /** Which Jira the settings point at. */
  public enum Flavour {
    CLOUD("3"),
    DATA_CENTER("2");

    private final String apiVersion;

    Flavour(String apiVersion) {
      this.apiVersion = apiVersion;
    }

    /** The REST API version used for this flavour: {@code 3} (ADF) or {@code 2} (wiki markup). */
    public String apiVersion() {
      return apiVersion;
    }
  }

  public static final JiraSettings NONE = new JiraSettings(null, null, null, null);

  /** Settings given directly, without a secret. */
  public JiraSettings(String url, String email, String apiToken, String pat) {
    this(url, email, apiToken, pat, null);
  }

  public static JiraSettings from(JiraConfig config) {
    return from(config, SecretResolver::shared);
  }

  /** With {@code vulnsift.jira.secret-arn} read through the given resolver (created lazily). */
  public static JiraSettings from(JiraConfig config, Supplier<SecretResolver> resolver) {
    return new JiraSettings(
        config.url().orElse(null),
        config.email().orElse(null),
        config.apiToken().orElse(null),
        config.pat().orElse(null),
        secret(config.secretArn().orElse(null), resolver));
  }

  /** Reads the secret at each use; failures become a {@link DeliveryException} for the engine. */
  static Supplier<SecretValue> secret(String reference, Supplier<SecretResolver> resolver) {
    return SecretResolver.reader(
        reference,
        SECRET_SETTING,
        resolver,
        e -> new DeliveryException("Jira credentials unavailable: " + e.getMessage(), e));
  }

  /** From environment variables ({@code VULNSIFT_JIRA_URL}, …), e.g. {@code System.getenv()}. */
  public static JiraSettings fromEnv(Map<String, String> env) {
    return new JiraSettings(
        env.get("VULNSIFT_JIRA_URL"),
        env.get("VULNSIFT_JIRA_EMAIL"),
        env.get("VULNSIFT_JIRA_API_TOKEN"),
        env.get("VULNSIFT_JIRA_PAT"),
        secret(env.get(SECRET_SETTING), SecretResolver::shared));
  }

  // The accessors fill what is not set directly from the secret; the secret is read only then.

  @Override
  public String url() {
    return direct(url).or(() -> fromSecret("url")).orElse(null);
  }

  @Override
  public String email() {
    return direct(email).or(() -> fromSecret("email")).orElse(null);
  }

  @Override
  public String apiToken() {
    return direct(apiToken)
        .or(() -> fromSecret("apiToken", "api_token", "token"))
        .or(() -> plainSecret(!Text.isBlank(email())))
        .orElse(null);
  }

  @Override
  public String pat() {
    return direct(pat)
        .or(() -> fromSecret("pat", "personalAccessToken"))
        .or(() -> plainSecret(Text.isBlank(email())))
        .orElse(null);
  }

  private static Optional<String> direct(String value) {
    return Text.isBlank(value) ? Optional.empty() : Optional.of(value);
  }

  private Optional<String> fromSecret(String... names) {
    return secret == null ? Optional.empty() : secret.get().field(names);
  }

  /** A secret that is not JSON is one token: the API token with an e-mail, else a PAT. */
  private Optional<String> plainSecret(boolean wanted) {
    if (secret == null || !wanted) {
      return Optional.empty();
    }
    SecretValue value = secret.get();
    return value.isJson() ? Optional.empty() : direct(value.plain().trim());
  }

  public Flavour flavour() {
    return Text.isBlank(pat()) ? Flavour.CLOUD : Flavour.DATA_CENTER;
  }

  /** URL plus a complete credential for the flavour. */
  public boolean configured() {
    boolean cloud = !Text.isBlank(email()) && !Text.isBlank(apiToken());
    return !Text.isBlank(url()) && (flavour() == Flavour.DATA_CENTER || cloud);
  }

  /** The site URL without trailing slashes. */
  public String baseUrl() {
    String u = url();
    return u == null ? null : u.trim().replaceAll("/+$", "");
  }

  /** The {@code Authorization} header value; never log it. */
  String authorization() {
    if (flavour() == Flavour.DATA_CENTER) {
      return "Bearer " + pat().trim();
    }
    String basic = email().trim() + ":" + apiToken().trim();
    return "Basic " + Base64.getEncoder().encodeToString(basic.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The values a server's answer must never be quoted with: the tokens and the Authorization
   * header's credential (Base64 of e-mail and API token on Cloud). Empty when they cannot be read.
   */
  List<String> secretForms() {
    List<String> forms = new ArrayList<>();
    try {
      forms.add(apiToken());
      forms.add(pat());
      String authorization = authorization();
      forms.add(authorization.substring(authorization.indexOf(' ') + 1));
    } catch (RuntimeException unavailable) {
      // the request was never sent with them, so no answer can quote them
    }
    return forms;
  }

  /** The settings a 401/403 points at, by name, so the message can say what to check. */
  String credentialSettings() {
    String direct =
        flavour() == Flavour.DATA_CENTER
            ? "VULNSIFT_JIRA_PAT"
            : "VULNSIFT_JIRA_EMAIL and VULNSIFT_JIRA_API_TOKEN";
    return secret == null ? direct : direct + " (or the secret " + SECRET_SETTING + ")";
  }

  @Override
  public String toString() {
    return "JiraSettings[url="
        + url
        + ", email="
        + email
        + ", apiToken="
        + redact(apiToken)
        + ", pat="
        + redact(pat)
        + ", secret="
        + (secret == null ? "<unset>" : "<from " + SECRET_SETTING + ">")
        + "]";
  }

  private static String redact(String secret) {
    return Text.isBlank(secret) ? "<unset>" : "<redacted>";
  }
}
