package io.vulnsift.actions.template;

/** Small text helpers shared by the actions (length limits of the target APIs). */
public final class Text {

  private Text() {}

  /**
   * At most {@code max} characters: the text cut short and followed by {@code marker}, never
   * splitting a surrogate pair.
   */
  public static String truncate(String text, int max, String marker) {
    if (text == null || text.length() <= max) {
      return text;
    }
    int end = Math.max(0, max - marker.length());
    if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
      end--;
    }
    return text.substring(0, end) + marker;
  }

  /** Line breaks and runs of whitespace collapsed to single spaces, trimmed. */
  public static String oneLine(String text) {
    return text == null ? "" : text.replaceAll("\\s+", " ").trim();
  }

  public static boolean isBlank(String text) {
    return text == null || text.isBlank();
  }
}
