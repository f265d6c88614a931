package io.vulnsift.actions.jira;

import io.vulnsift.actions.template.Text;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * Resolved Jira connection settings. The flavour follows the credentials: a personal access token
 * means Data Center (REST v2, wiki markup, bearer auth); otherwise Jira Cloud (REST v3, Atlassian
 * Document Format, basic auth with e-mail and API token) — Cloud is also what an unconfigured plan
 * shows. {@link #toString()} never shows a token.
 *
 * @param url site base URL, {@code null} when unset
 * @param email Cloud account e-mail
 * @param apiToken Cloud API token (secret)
 * @param pat Data Center personal access token (secret)
 */
public record JiraSettings(String url, String email, String apiToken, String pat) {

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

  public static JiraSettings from(JiraConfig config) {
    return new JiraSettings(
        config.url().orElse(null),
        config.email().orElse(null),
        config.apiToken().orElse(null),
        config.pat().orElse(null));
  }

  /** From environment variables ({@code VULNSIFT_JIRA_URL}, …), e.g. {@code System.getenv()}. */
  public static JiraSettings fromEnv(Map<String, String> env) {
    return new JiraSettings(
        env.get("VULNSIFT_JIRA_URL"),
        env.get("VULNSIFT_JIRA_EMAIL"),
        env.get("VULNSIFT_JIRA_API_TOKEN"),
        env.get("VULNSIFT_JIRA_PAT"));
  }

  public Flavour flavour() {
    return Text.isBlank(pat) ? Flavour.CLOUD : Flavour.DATA_CENTER;
  }

  /** URL plus a complete credential for the flavour. */
  public boolean configured() {
    boolean cloud = !Text.isBlank(email) && !Text.isBlank(apiToken);
    return !Text.isBlank(url) && (flavour() == Flavour.DATA_CENTER || cloud);
  }

  /** The site URL without trailing slashes. */
  public String baseUrl() {
    return url == null ? null : url.trim().replaceAll("/+$", "");
  }

  /** The {@code Authorization} header value; never log it. */
  String authorization() {
    if (flavour() == Flavour.DATA_CENTER) {
      return "Bearer " + pat.trim();
    }
    String basic = email.trim() + ":" + apiToken.trim();
    return "Basic " + Base64.getEncoder().encodeToString(basic.getBytes(StandardCharsets.UTF_8));
  }

  /** The settings a 401/403 points at, by name, so the message can say what to check. */
  String credentialSettings() {
    return flavour() == Flavour.DATA_CENTER
        ? "VULNSIFT_JIRA_PAT"
        : "VULNSIFT_JIRA_EMAIL and VULNSIFT_JIRA_API_TOKEN";
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
        + ", flavour="
        + flavour()
        + "]";
  }

  private static String redact(String secret) {
    return Text.isBlank(secret) ? "<unset>" : "<redacted>";
  }
}
