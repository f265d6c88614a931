package io.vulnsift.workflow;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Makes CEL's terse compiler messages actionable where the author's likely intent is known. */
final class ConditionHints {
  private static final Pattern UNDEFINED_FIELD = Pattern.compile("undefined field '([^']*)'");
  private static final Pattern CANDIDATES = Pattern.compile(" \\(candidates: .*\\)$");
  private static final Pattern BARE_DURATION = Pattern.compile("(?<![\"'\\w.])[0-9]+[smhdw]\\b");

  private ConditionHints() {}

  static String explain(String celMessage, String expression) {
    // The overload candidates CEL lists are internal signatures; the types applied are enough.
    String message = CANDIDATES.matcher(celMessage).replaceFirst("");
    Matcher m = UNDEFINED_FIELD.matcher(message);
    if (m.find()) {
      List<String> fields = new ArrayList<>(Conditions.findingFields());
      fields.addAll(Conditions.runtimeFields());
      return message + ValueFormat.hint(m.group(1), fields);
    } else if (message.contains("overload for 'contains' applied to 'list")) {
      return message + " (for a list, write '\"value\" in list')";
    } else if (message.contains("token recognition error at: '= '")) {
      return message + " (compare with ==)";
    } else if (BARE_DURATION.matcher(expression).find()) {
      return message + " (write durations as duration(\"24h\"))";
    }
    return message;
  }
}
