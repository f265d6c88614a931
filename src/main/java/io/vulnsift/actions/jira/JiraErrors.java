package io.vulnsift.actions.jira;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vulnsift.actions.template.Text;
import io.vulnsift.engine.DeliveryException;
import io.vulnsift.secrets.Redaction;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

/** Turns a failed Jira response into a message an operator can act on, without secrets. */
final class JiraErrors {

  private static final ObjectMapper JSON = new ObjectMapper();

  private JiraErrors() {}

  static DeliveryException of(String what, HttpResponse<String> response, JiraSettings settings) {
    // the body may echo the request, Authorization header included
    return new DeliveryException(
        Redaction.redact(message(what, response, settings), settings.secretForms()));
  }

  private static String message(String what, HttpResponse<String> response, JiraSettings settings) {
    int status = response.statusCode();
    String prefix = "Jira " + what + " failed with HTTP " + status + ": ";
    return switch (status) {
      case 401 ->
          prefix
              + "credentials rejected; check "
              + settings.credentialSettings()
              + (settings.flavour() == JiraSettings.Flavour.CLOUD
                  ? " (Atlassian API tokens expire after at most a year)"
                  : "");
      case 403 ->
          prefix
              + "forbidden; check "
              + settings.credentialSettings()
              + " and that the account may create, comment on and transition issues in the project. "
              + details(response.body());
      // On a follow-up, the usual cause is an issue someone deleted or moved.
      case 404 ->
          prefix
              + "not found; check VULNSIFT_JIRA_URL and that the issue still exists. "
              + details(response.body());
      case 429 -> prefix + "rate limited beyond the retry budget; retried next run";
      default -> prefix + details(response.body());
    };
  }

  /** Jira's {@code errorMessages} and {@code errors}, else the start of the body. */
  static String details(String body) {
    if (Text.isBlank(body)) {
      return "(empty body)";
    }
    try {
      JsonNode json = JSON.readTree(body);
      List<String> parts = new ArrayList<>();
      json.path("errorMessages").forEach(m -> parts.add(m.asText()));
      json.path("errors")
          .properties()
          .forEach(e -> parts.add(e.getKey() + ": " + e.getValue().asText()));
      if (!parts.isEmpty()) {
        return Text.truncate(String.join("; ", parts), 2000, "…");
      }
    } catch (IOException notJson) {
      // fall through: an HTML error page from a proxy, say
    }
    return Text.truncate(Text.oneLine(body), 500, "…");
  }
}
