package io.vulnsift.actions.jira;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Chooses a transition from {@code GET /issue/{key}/transitions}. Workflows name transitions and
 * statuses differently ("Resolve Issue" → "Resolved", "Done" → "Done"), so a wanted name matches
 * either the transition's name or its target status ({@code to.name}), ignoring case. The wanted
 * names are tried in order — the configured one, then the fallbacks — so the order is the
 * configuration's, not the order Jira lists them in. A transition Jira reports as unavailable
 * ({@code isAvailable: false}, Cloud) is skipped.
 */
final class Transitions {

  private Transitions() {}

  static Optional<JsonNode> pick(JsonNode response, String wanted, List<String> fallbacks) {
    for (String name : names(wanted, fallbacks)) {
      for (JsonNode t : response.path("transitions")) {
        boolean available = t.path("isAvailable").asBoolean(true);
        if (available
            && !t.path("id").asText("").isEmpty()
            && (same(t.path("name"), name) || same(t.path("to").path("name"), name))) {
          return Optional.of(t);
        }
      }
    }
    return Optional.empty();
  }

  /** The wanted names in the order they are tried. */
  static List<String> names(String wanted, List<String> fallbacks) {
    List<String> names = new ArrayList<>();
    names.add(wanted);
    names.addAll(fallbacks);
    return names;
  }

  /** Whether the transition's screen has the comment field, so the comment can go along. */
  static boolean takesComment(JsonNode transition) {
    return transition.path("fields").has("comment");
  }

  /** The status a transition leads to, for the record and the log. */
  static String target(JsonNode transition) {
    return transition.path("to").path("name").asText(transition.path("name").asText("?"));
  }

  private static boolean same(JsonNode value, String name) {
    return value.isTextual() && norm(value.asText()).equals(norm(name));
  }

  /** Case and the typographic apostrophe Jira sometimes shows ("Won’t Fix") do not matter. */
  static String norm(String name) {
    return name.trim().replace('\u2019', '\'').toLowerCase(Locale.ROOT);
  }
}
