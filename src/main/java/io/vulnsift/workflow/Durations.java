package io.vulnsift.workflow;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The duration syntax of workflow files: {@code 90s}, {@code 30m}, {@code 3h}, {@code 7d}, {@code
 * 2w}, combinations such as {@code 1h30m}, or ISO-8601 such as {@code PT3H}. Shared with the rest
 * of vulnsift (e.g. {@code VULNSIFT_CLAIM_LEASE}) so every setting reads durations the same way.
 */
public final class Durations {

  /** JSON Schema pattern of the syntax; {@link #parse} is the authority (it also rejects zero). */
  public static final String PATTERN =
      "^(?:[0-9]+[wdhms])+$|^P(?:[0-9]+D)?(?:T(?:[0-9]+H)?(?:[0-9]+M)?(?:[0-9]+(?:\\.[0-9]+)?S)?)?$";

  private static final Pattern SHORT = Pattern.compile("(?:[0-9]+[wdhms])+");
  private static final Pattern PART = Pattern.compile("([0-9]+)([wdhms])");

  private Durations() {}

  /**
   * Parses a positive duration.
   *
   * @throws IllegalArgumentException with a message fit for a workflow author
   */
  public static Duration parse(String text) {
    String t = text == null ? "" : text.trim();
    Duration d;
    if (SHORT.matcher(t).matches()) {
      d = Duration.ZERO;
      Matcher m = PART.matcher(t);
      while (m.find()) {
        d = d.plus(unit(m.group(2)).multipliedBy(Long.parseLong(m.group(1))));
      }
    } else if (t.toUpperCase(Locale.ROOT).startsWith("P")) {
      try {
        d = Duration.parse(t);
      } catch (DateTimeParseException e) {
        throw invalid(text);
      }
    } else {
      throw invalid(text);
    }
    if (d.isZero() || d.isNegative()) {
      throw new IllegalArgumentException("duration '" + text + "' must be greater than zero");
    }
    return d;
  }

  /** The short syntax, in days and smaller units as people say them: {@code 7d}, {@code 1h30m}. */
  public static String format(Duration d) {
    long s = d.getSeconds();
    if (s == 0) {
      return "0s";
    }
    StringBuilder sb = new StringBuilder();
    long[] sizes = {86400, 3600, 60, 1};
    String units = "dhms";
    for (int i = 0; i < sizes.length; i++) {
      if (s >= sizes[i]) {
        sb.append(s / sizes[i]).append(units.charAt(i));
        s %= sizes[i];
      }
    }
    return sb.toString();
  }

  private static Duration unit(String u) {
    return switch (u) {
      case "w" -> Duration.ofDays(7);
      case "d" -> Duration.ofDays(1);
      case "h" -> Duration.ofHours(1);
      case "m" -> Duration.ofMinutes(1);
      default -> Duration.ofSeconds(1);
    };
  }

  private static IllegalArgumentException invalid(String text) {
    return new IllegalArgumentException(
        "invalid duration '"
            + text
            + "' (use a number and a unit: 90s, 30m, 3h, 7d, 2w; or ISO-8601 such as PT3H)");
  }
}
