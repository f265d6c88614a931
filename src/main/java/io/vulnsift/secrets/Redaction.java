package io.vulnsift.secrets;

import java.util.Collection;

/**
 * Removes known secret values from text that quotes a server's answer: a proxy or a misbehaving
 * server may echo the request into its error body, Authorization header and URL included, and such
 * text ends up in exceptions, logs, run reports and the stored state.
 */
public final class Redaction {

  public static final String MARK = "<redacted>";

  /** Shorter values are not redacted: replacing them would mangle ordinary text. */
  private static final int MIN_LENGTH = 6;

  private Redaction() {}

  /** The text with every occurrence of each secret (blank and very short ones ignored) masked. */
  public static String redact(String text, Collection<String> secrets) {
    if (text == null) {
      return null;
    }
    String out = text;
    for (String secret : secrets) {
      String s = secret == null ? "" : secret.strip();
      if (s.length() >= MIN_LENGTH) {
        out = out.replace(s, MARK);
      }
    }
    return out;
  }
}
