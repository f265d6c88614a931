package io.vulnsift.workflow;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.parser.CronParser;
import io.vulnsift.model.Severity;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The string formats of the workflow language. Each knows how to check a value and what the schema
 * can say about it (a pattern or an enum), so the validator and {@link WorkflowSchema} share one
 * definition.
 */
public enum ValueFormat {
  WORKFLOW_NAME,
  CRON,
  TIMEZONE,
  SEVERITY,
  FINDING_FIELD,
  CONDITION,
  TEMPLATE;

  /** A problem with a value; the position, when known, is relative to the value's text. */
  record Problem(String message, int line, int column) {
    static Problem of(String message) {
      return new Problem(message, 0, 0);
    }
  }

  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
  static final CronParser CRON_PARSER =
      new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

  /** Severities from the most to the least severe, the order people read them in. */
  static final List<String> SEVERITIES =
      Arrays.stream(Severity.values()).sorted(Comparator.reverseOrder()).map(Enum::name).toList();

  /** The fields of a finding, which group keys may use (the same names conditions see). */
  static final List<String> FINDING_FIELDS = List.copyOf(ConditionFields.FINDING.keySet());

  /** Values for a JSON Schema {@code enum}, or an empty list when any string may do. */
  List<String> enumValues() {
    return switch (this) {
      case SEVERITY -> SEVERITIES;
      case FINDING_FIELD -> FINDING_FIELDS;
      default -> List.of();
    };
  }

  /** A JSON Schema {@code pattern}, or null. */
  String pattern() {
    return this == WORKFLOW_NAME ? "^" + NAME.pattern() + "$" : null;
  }

  /** Checks a value; null when it is fine. */
  Problem check(String value) {
    switch (this) {
      case WORKFLOW_NAME:
        return NAME.matcher(value).matches()
            ? null
            : Problem.of(
                "invalid workflow name '"
                    + value
                    + "': use 1-64 lower-case letters, digits and '-', starting with a letter or"
                    + " digit");
      case CRON:
        return checkCron(value);
      case TIMEZONE:
        return checkZone(value);
      case SEVERITY:
        return SEVERITIES.contains(value)
            ? null
            : Problem.of(
                "unknown severity '" + value + "' (valid: " + String.join(" ", SEVERITIES) + ")");
      case FINDING_FIELD:
        return FINDING_FIELDS.contains(value)
            ? null
            : Problem.of(
                "'"
                    + value
                    + "' is not a finding field"
                    + hint(value, FINDING_FIELDS)
                    + " (fields: "
                    + String.join(", ", FINDING_FIELDS)
                    + ")");
      case CONDITION:
        try {
          Conditions.compile(value);
          return null;
        } catch (ConditionException e) {
          return new Problem("invalid condition: " + e.getMessage(), e.line(), e.column());
        }
      default:
        return Templates.check(value);
    }
  }

  private static Problem checkCron(String value) {
    try {
      CRON_PARSER.parse(value).validate();
      return null;
    } catch (IllegalArgumentException e) {
      return Problem.of(
          "invalid cron '"
              + value
              + "': "
              + e.getMessage()
              + " (expected 5 fields: minute hour day-of-month month day-of-week, e.g. '0 8 * * *')");
    }
  }

  private static Problem checkZone(String value) {
    try {
      ZoneId.of(value);
      return null;
    } catch (DateTimeException e) {
      String hint = hint(value, ZoneId.getAvailableZoneIds());
      return Problem.of(
          "unknown time zone '"
              + value
              + "'"
              + (hint.isEmpty() ? " (use an IANA name such as Europe/Berlin, or UTC)" : hint));
    }
  }

  static String hint(String value, java.util.Collection<String> candidates) {
    return Suggest.closest(value, candidates).map(s -> " (did you mean '" + s + "'?)").orElse("");
  }
}
