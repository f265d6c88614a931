package io.vulnsift.actions.jira;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/**
 * Jira connection settings, from {@code application.properties} or the environment ({@code
 * VULNSIFT_JIRA_URL} is {@code vulnsift.jira.url}, and so on).
 */
@ConfigMapping(prefix = "vulnsift.jira")
public interface JiraConfig {

  /**
   * Base URL of the Jira site, e.g. {@code https://acme.atlassian.net} ({@code VULNSIFT_JIRA_URL}).
   */
  Optional<String> url();

  /** Jira Cloud: account e-mail for basic auth ({@code VULNSIFT_JIRA_EMAIL}). */
  Optional<String> email();

  /** Jira Cloud: API token of that account ({@code VULNSIFT_JIRA_API_TOKEN}). */
  Optional<String> apiToken();

  /**
   * Jira Data Center: personal access token; when set, REST v2 + wiki markup is used ({@code
   * VULNSIFT_JIRA_PAT}).
   */
  Optional<String> pat();

  /**
   * In AWS: a Secrets Manager secret (ARN or name) or SSM parameter ({@code ssm:/path} or ARN)
   * holding the settings not given directly, e.g. {@code {"url": …, "email": …, "apiToken": …}} or
   * {@code {"pat": …}}; read at first delivery ({@code VULNSIFT_JIRA_SECRET_ARN}).
   */
  Optional<String> secretArn();

  /**
   * How long one request may take before it counts as failed ({@code VULNSIFT_JIRA_TIMEOUT}). A
   * create that timed out may still have created the issue; the next run finds it by its
   * fingerprint instead of creating a second one.
   */
  @WithDefault("30s")
  Duration timeout();
}
