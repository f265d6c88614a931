package io.vulnsift.actions.jira;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vulnsift.engine.DeliveryException;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Finds the open issue a previous, interrupted delivery already created for a group (SPEC §3: a
 * claim whose lease expired is retried, and must not create a second ticket). Candidates come from
 * a JQL search on the fingerprint label, which is eventually consistent, so each candidate is
 * confirmed by an exact fetch of its {@code vulnsift.fingerprint} property: an issue of another
 * workflow is not adopted. The search is a safety net, so when it fails the delivery goes on.
 */
final class ExistingIssues {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final System.Logger LOG = System.getLogger(ExistingIssues.class.getName());

  private final JiraClient client;
  private final JiraSettings settings;

  ExistingIssues(JiraClient client, JiraSettings settings) {
    this.client = client;
    this.settings = settings;
  }

  Optional<String> find(String project, String fingerprint, String workflow) {
    try {
      for (JsonNode issue : search(project, fingerprint).path("issues")) {
        String key = issue.path("key").asText("");
        if (!key.isEmpty() && belongsTo(key, fingerprint, workflow)) {
          return Optional.of(key);
        }
      }
    } catch (DeliveryException e) {
      LOG.log(
          System.Logger.Level.WARNING,
          "Jira lookup of existing issues failed: {0}",
          e.getMessage());
    }
    return Optional.empty();
  }

  /** Cloud removed {@code /search} (HTTP 410); Data Center has only {@code /search}. */
  private JsonNode search(String project, String fingerprint) {
    String jql =
        "project = "
            + quote(project)
            + " AND labels = "
            + quote("vulnsift-" + fingerprint)
            + " AND statusCategory != Done ORDER BY created ASC";
    String endpoint = settings.flavour() == JiraSettings.Flavour.CLOUD ? "/search/jql" : "/search";
    String url =
        client.api()
            + endpoint
            + "?jql="
            + URLEncoder.encode(jql, StandardCharsets.UTF_8)
            + "&fields=labels&maxResults=10";
    return parse(client.send("GET", url, null, true));
  }

  /** The property is missing when an earlier PUT failed; the label alone then decides. */
  private boolean belongsTo(String key, String fingerprint, String workflow) {
    try {
      JsonNode value = parse(client.send("GET", client.propertyUrl(key), null, true)).path("value");
      return fingerprint.equals(value.path("fingerprint").asText())
          && workflow.equals(value.path("workflow").asText(workflow));
    } catch (DeliveryException e) {
      return e.getMessage().contains("HTTP 404");
    }
  }

  /** A JQL string literal: the value can never end the quotes. */
  static String quote(String value) {
    return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  private static JsonNode parse(HttpResponse<String> response) {
    try {
      return JSON.readTree(
          response.body() == null || response.body().isBlank() ? "{}" : response.body());
    } catch (IOException e) {
      throw new DeliveryException("Jira answered with invalid JSON", e);
    }
  }
}
