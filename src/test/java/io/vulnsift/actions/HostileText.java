package io.vulnsift.actions;

import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Tuple;

/**
 * Generators of untrusted text as scanners and clusters hand it to us: the control sequences of
 * Slack mrkdwn and Jira wiki markup, URLs, line breaks, entities, control characters, astral
 * characters, and now and then something very long — mixed with random characters.
 */
public final class HostileText {

  /** Sequences that mean something to Slack, Jira or JSON. */
  public static final String[] TOKENS = {
    "<!channel>",
    "<!here>",
    "<!everyone>",
    "<!subteam^S123>",
    "<@U123>",
    "<#C123>",
    "<http://x|y>",
    "<https://evil.example/p?a=1&b=2|click>",
    "@here",
    "@channel",
    "*",
    "_",
    "~",
    "`",
    "```",
    ">",
    "<",
    "&",
    "&amp;",
    "&lt;",
    "&#92;",
    "&#46;",
    "{code}",
    "{code:java}",
    "{noformat}",
    "{quote}",
    "{color:red}",
    "[~user]",
    "[~accountid:5b10a2844c20165700ede21g]",
    "[link|http://evil.example]",
    "[http://evil.example]",
    "!image.png!",
    "|",
    "||",
    "\\",
    "\\\\",
    "h1. ",
    "bq. ",
    "fn1. ",
    "- ",
    "* ",
    "# ",
    "----",
    "??cite??",
    "+ins+",
    "^sup^",
    "-del-",
    "\n",
    "\r\n",
    "\r",
    "\t",
    " ",
    "\u0000",
    "\u0007",
    "\u001b[31m",
    "\u007f",
    "\u0085",
    "\u2028",
    "\u200b",
    "\u202e",
    "\ufeff",
    "😀",
    "𝔸",
    "👩‍👩‍👧",
    "http://x.example/a?b=1&c=2",
    "https://nvd.nist.gov/vuln/detail/CVE-2024-1",
    "javascript:alert(1)",
    "\"",
    "'",
    "CVE-2024-12345",
  };

  private HostileText() {}

  /** Any valid Unicode character (no lone surrogates), control characters included. */
  public static Arbitrary<String> character() {
    return Arbitraries.integers()
        .between(0, Character.MAX_CODE_POINT)
        .filter(cp -> cp < Character.MIN_SURROGATE || cp > Character.MAX_SURROGATE)
        .map(Character::toString);
  }

  /** A piece of hostile text: mostly tokens and random characters, sometimes a long run. */
  public static Arbitrary<String> text() {
    Arbitrary<String> piece =
        Arbitraries.frequencyOf(
            Tuple.of(6, Arbitraries.of(TOKENS)),
            Tuple.of(3, character()),
            Tuple.of(2, Arbitraries.strings().alpha().numeric().ofMaxLength(8)));
    Arbitrary<String> shortText =
        piece.list().ofMaxSize(30).map(l -> l.stream().collect(Collectors.joining()));
    Arbitrary<String> longText =
        Arbitraries.integers()
            .between(500, 20_000)
            .flatMap(n -> Arbitraries.of(TOKENS).map(t -> t.repeat(Math.max(1, n / t.length()))));
    return Arbitraries.frequencyOf(Tuple.of(9, shortText), Tuple.of(1, longText));
  }

  /** True when the text is well-formed UTF-16 (every surrogate in a pair). */
  public static boolean wellFormed(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 == s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
          return false;
        }
        i++;
      } else if (Character.isLowSurrogate(c)) {
        return false;
      }
    }
    return true;
  }
}
