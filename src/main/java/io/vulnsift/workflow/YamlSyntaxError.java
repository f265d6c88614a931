package io.vulnsift.workflow;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Turns a YAML parser exception into one error: snakeyaml's problem (not its multi-line banner) at
 * the problem's position, plus a hint for the mistakes workflow authors actually make.
 */
final class YamlSyntaxError {
  private YamlSyntaxError() {}

  /** The error, with an empty file name (the caller knows the file). */
  static ValidationError describe(JsonProcessingException e, String text) {
    if (e.getCause() instanceof MarkedYAMLException m && m.getProblemMark() != null) {
      Mark at = m.getProblemMark();
      String message = "YAML syntax error: " + m.getProblem();
      if (m.getContext() != null && m.getContextMark() != null) {
        message +=
            " ("
                + m.getContext()
                + " at line "
                + (m.getContextMark().getLine() + 1)
                + ", column "
                + (m.getContextMark().getColumn() + 1)
                + ")";
      }
      message += hint(m.getProblem(), line(text, at.getLine()));
      return new ValidationError("", at.getLine() + 1, at.getColumn() + 1, message);
    }
    JsonLocation l = e.getLocation();
    String original = e.getOriginalMessage();
    if (original.startsWith("Expected a field name")) {
      original = "keys must be plain strings, not lists or mappings";
    }
    int nl = original.indexOf('\n');
    return new ValidationError(
        "",
        l == null ? 1 : Math.max(1, l.getLineNr()),
        l == null ? 1 : Math.max(1, l.getColumnNr()),
        "YAML syntax error: " + (nl < 0 ? original : original.substring(0, nl)));
  }

  /**
   * {@code condition: "production" in runtime.runningStages} is the classic: YAML reads a quoted
   * string, then finds more text after it. The fix is to quote the whole value.
   */
  private static String hint(String problem, String sourceLine) {
    int colon = sourceLine.indexOf(": ");
    if (problem == null || !problem.contains("found '<scalar>'") || colon < 0) {
      return "";
    }
    String value = sourceLine.substring(colon + 2).trim();
    String quoted;
    if (value.startsWith("\"")) {
      quoted = "'" + value.replace("'", "''") + "'";
    } else if (value.startsWith("'")) {
      quoted = "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    } else {
      return "";
    }
    return "; a value that starts with a quote must end with it, so quote the whole value: "
        + quoted;
  }

  private static String line(String text, int index) {
    String[] lines = text.split("\r?\n", -1);
    return index >= 0 && index < lines.length ? lines[index] : "";
  }
}
