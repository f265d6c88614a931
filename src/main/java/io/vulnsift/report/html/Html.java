package io.vulnsift.report.html;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * Escaping for the report page. Everything a scanner, an inventory or a tracker wrote is untrusted
 * text: it goes into the page only through {@link #text} (element content and double-quoted
 * attributes alike) and, as a link, only through {@link #link} (http and https, nothing else).
 */
final class Html {
  private Html() {}

  /** The text with {@code & < > " '} escaped; {@code null} is empty. */
  static String text(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /**
   * {@link #text} with a line-break opportunity after each {@code :} and {@code /}, so that long
   * package and repository names ({@code org.springframework:spring-beans}) wrap at their
   * separators instead of widening the table.
   */
  static String breakable(String s) {
    return text(s).replace(":", ":<wbr>").replace("/", "/<wbr>");
  }

  /** The URL when it is an absolute http(s) URL with a host; empty otherwise. */
  static Optional<String> link(String url) {
    if (url == null || url.isBlank()) {
      return Optional.empty();
    }
    String trimmed = url.trim(); // scanners write URIs with trailing spaces
    try {
      URI uri = new URI(trimmed);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if ((scheme.equals("https") || scheme.equals("http")) && uri.getHost() != null) {
        return Optional.of(trimmed);
      }
    } catch (URISyntaxException e) {
      return Optional.empty();
    }
    return Optional.empty();
  }

  /** {@code <a href=…>text</a>} for a safe URL, else the escaped text alone. */
  static String anchor(String url, String text, String title) {
    String t = title == null ? "" : " title=\"" + text(title) + "\"";
    return link(url)
        .map(
            u ->
                "<a href=\""
                    + text(u)
                    + "\" target=\"_blank\" rel=\"noopener noreferrer\""
                    + t
                    + ">"
                    + text(text)
                    + "</a>")
        .orElse("<span" + t + ">" + text(text) + "</span>");
  }
}
