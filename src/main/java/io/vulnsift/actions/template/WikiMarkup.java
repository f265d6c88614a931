package io.vulnsift.actions.template;

import java.util.regex.Pattern;

/**
 * Escaping for Jira Data Center wiki markup, where scanner text must render literally.
 *
 * <p>Jira's renderer treats {@code \X} as a literal {@code X} for its markup characters, so each of
 * them is backslash-escaped wherever it occurs (cheaper and safer than reasoning about word
 * boundaries). A backslash itself cannot be escaped that way ({@code \\} is a forced line break),
 * so it becomes the entity {@code &#92;}, as pandoc's Jira writer does. Line-start block markers
 * without a markup character ({@code h1.}, {@code bq.}) get their dot as an entity.
 */
public final class WikiMarkup {

  private static final String SPECIAL = "{}[]|*_-+^~?!#";
  private static final Pattern BLOCK_START =
      Pattern.compile("(?m)^(\\s*(?:h[1-6]|bq|fn\\d*))\\.", Pattern.CASE_INSENSITIVE);
  private static final Pattern SAFE_URL =
      Pattern.compile("https?://[A-Za-z0-9._~:/?#@$&'()+,;=%-]+", Pattern.CASE_INSENSITIVE);

  private WikiMarkup() {}

  /** The untrusted text, rendering literally (line breaks are kept). */
  public static String escape(String text) {
    StringBuilder sb = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\') {
        sb.append("&#92;");
      } else if (c == '\r') {
        continue; // \r\n and \n render the same; a lone \r is noise
      } else {
        if (SPECIAL.indexOf(c) >= 0) {
          sb.append('\\');
        }
        sb.append(c);
      }
    }
    return BLOCK_START.matcher(sb).replaceAll("$1&#46;");
  }

  /**
   * {@code [url]} when the URL is plain http(s) without characters that could close the link or
   * start markup; otherwise the escaped text (not clickable).
   */
  public static String link(String url) {
    return SAFE_URL.matcher(url).matches() ? "[" + url + "]" : escape(url);
  }

  /**
   * A {@code {noformat}} block around the untrusted text: nothing inside is interpreted except a
   * closing {@code {noformat}}, which is defused by a space.
   */
  public static String noformat(String text) {
    String inner = text.replace("\r", "").replaceAll("(?i)\\{noformat", "{ noformat");
    return "{noformat}\n" + inner + "\n{noformat}";
  }
}
