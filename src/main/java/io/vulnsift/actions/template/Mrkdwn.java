package io.vulnsift.actions.template;

import java.util.regex.Pattern;

/**
 * Escaping for Slack mrkdwn. Slack only gives {@code & < >} control meaning ({@code <!channel>},
 * {@code <@U123>}, {@code <url|label>}), so escaping those three is what makes untrusted text
 * unable to ping or link; {@code * _ ~} can only change emphasis and have no escape in mrkdwn.
 */
public final class Mrkdwn {

  private static final Pattern SAFE_URL =
      Pattern.compile("https?://[^\\s<>|\"]+", Pattern.CASE_INSENSITIVE);
  private static final Pattern PARTIAL_ENTITY = Pattern.compile("&[a-z]{0,4}$");

  private Mrkdwn() {}

  public static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  /** {@code <url>} for a plain http(s) URL, otherwise the escaped text (not clickable). */
  public static String link(String url) {
    return SAFE_URL.matcher(url).matches() ? "<" + url.replace("&", "&amp;") + ">" : escape(url);
  }

  /** {@code <url|label>} with an escaped label, or just the label when the URL is not safe. */
  public static String link(String url, String label) {
    if (url == null || !SAFE_URL.matcher(url).matches()) {
      return escape(label);
    }
    return "<" + url.replace("&", "&amp;") + "|" + escape(label) + ">";
  }

  /**
   * Cuts already-escaped mrkdwn to at most {@code max} characters, ending with an ellipsis and
   * never in the middle of an entity such as {@code &amp;}, of a surrogate pair (a lone half is not
   * valid UTF-8: strict encoders reject the whole message) or of a {@code <link>} (an unclosed one
   * would take the rest of the message into its label).
   */
  public static String truncate(String escaped, int max) {
    if (escaped.length() <= max) {
      return escaped;
    }
    String cut = Text.truncate(escaped, Math.max(0, max - 1), "");
    cut = PARTIAL_ENTITY.matcher(cut).replaceFirst("");
    int open = cut.lastIndexOf('<');
    if (open > cut.lastIndexOf('>')) {
      cut = cut.substring(0, open);
    }
    return cut + "…";
  }
}
