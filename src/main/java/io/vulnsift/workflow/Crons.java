package io.vulnsift.workflow;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Translates a workflow's five-field Unix cron into an EventBridge Scheduler expression, {@code
 * cron(minutes hours day-of-month month day-of-week year)}: AWS wants one of the two day fields to
 * be {@code ?} and counts weekdays from 1 (Sunday) where Unix counts from 0.
 */
public final class Crons {
  private static final Pattern NUMBER = Pattern.compile("\\d+");

  private Crons() {}

  public static String toEventBridge(String unixCron) {
    String[] f = unixCron.trim().split("\\s+");
    if (f.length != 5) {
      throw new IllegalArgumentException("not a five-field cron: " + unixCron);
    }
    String dom = f[2];
    String dow = f[4].toUpperCase(Locale.ROOT);
    if (dow.equals("*")) {
      dow = "?";
    } else {
      dow = shiftWeekdays(dow);
      if (dom.equals("*")) {
        dom = "?";
      }
    }
    return "cron(" + f[0] + " " + f[1] + " " + dom + " " + f[3] + " " + dow + " *)";
  }

  /** Unix 0-7 (0 and 7 = Sunday) → AWS 1-7 (1 = Sunday); names stay names. */
  private static String shiftWeekdays(String field) {
    Matcher m = NUMBER.matcher(field);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      int n = Integer.parseInt(m.group());
      m.appendReplacement(out, Integer.toString(n % 7 + 1));
    }
    m.appendTail(out);
    return out.toString();
  }
}
