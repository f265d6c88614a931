package io.vulnsift.actions.template;

import static org.assertj.core.api.Assertions.assertThat;

import io.vulnsift.actions.HostileText;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Whatever scanners put in their text, the escapers make it render literally: in Slack mrkdwn it
 * can neither mention, nor link, nor leave a broken entity; in Jira wiki markup every markup
 * character is escaped and no line starts a block.
 */
class EscapingProperties {

  static final String WIKI_SPECIAL = "{}[]|*_-+^~?!#";
  static final Pattern WIKI_BLOCK =
      Pattern.compile("^\\s*(?:h[1-6]|bq|fn\\d*)\\.", Pattern.CASE_INSENSITIVE);
  static final Pattern MRKDWN_LINK = Pattern.compile("<(https?://[^<>|\\s\"]+)(?:\\|([^<>]*))?>");

  @Provide
  Arbitrary<String> hostile() {
    return HostileText.text();
  }

  @Provide
  Arbitrary<String> urls() {
    return Arbitraries.oneOf(
        HostileText.text(),
        HostileText.text().map(s -> "https://" + s),
        HostileText.text().map(s -> "http://a.example/" + s));
  }

  // --- Slack mrkdwn ---

  @Property
  void mrkdwnEscapedTextCannotMentionOrLink(@ForAll("hostile") String text) {
    String out = Mrkdwn.escape(text);
    assertMrkdwnLiteral(out);
    assertThat(unescapeMrkdwn(out)).isEqualTo(text);
  }

  @Property
  void mrkdwnTruncationFitsAndNeverBreaksAnEntityOrACharacter(
      @ForAll("hostile") String text, @ForAll @IntRange(min = 1, max = 4000) int max) {
    String out = Mrkdwn.truncate(Mrkdwn.escape(text), max);
    assertThat(out.length()).isLessThanOrEqualTo(max);
    assertMrkdwnLiteral(out);
  }

  @Example
  void mrkdwnTruncationDoesNotSplitAnAstralCharacter() {
    // regression: the cut fell between the two halves of 😀, leaving a lone surrogate that
    // strict UTF-8 encoders reject
    assertThat(Mrkdwn.truncate("ab😀cd", 4)).isEqualTo("ab…");
  }

  @Example
  void mrkdwnTruncationDropsALinkItWouldCut() {
    // regression: a cut inside "<url|label>" left the link open, swallowing the rest
    assertThat(Mrkdwn.truncate("see <https://a.example/x|label> now", 15)).isEqualTo("see …");
  }

  @Property
  void mrkdwnLinksAreOnlyPlainHttpLinksToTheGivenUrl(
      @ForAll("urls") String url, @ForAll("hostile") String label) {
    String out = Mrkdwn.link(url, label);
    Matcher m = MRKDWN_LINK.matcher(out);
    if (m.matches()) {
      assertThat(m.group(1)).isEqualTo(url.replace("&", "&amp;"));
      assertMrkdwnLiteral(m.group(2));
      assertThat(unescapeMrkdwn(m.group(2))).isEqualTo(label);
    } else {
      assertThat(out).isEqualTo(Mrkdwn.escape(label));
    }
    String bare = Mrkdwn.link(url);
    Matcher b = MRKDWN_LINK.matcher(bare);
    if (b.matches()) {
      assertThat(b.group(2)).isNull();
      assertThat(b.group(1)).isEqualTo(url.replace("&", "&amp;"));
    } else {
      assertMrkdwnLiteral(bare);
    }
  }

  /** No {@code <}/{@code >} at all, and every {@code &} starts one of the three entities. */
  static void assertMrkdwnLiteral(String out) {
    assertThat(out).doesNotContain("<", ">");
    assertThat(out.replaceAll("&(amp|lt|gt);", "")).doesNotContain("&");
    assertThat(HostileText.wellFormed(out)).as("well-formed UTF-16: %s", out).isTrue();
  }

  static String unescapeMrkdwn(String s) {
    return s.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
  }

  // --- Jira wiki markup ---

  @Property
  void wikiEscapedTextRendersLiterally(@ForAll("hostile") String text) {
    String out = WikiMarkup.escape(text);
    assertWikiLiteral(out);
    assertThat(decodeWiki(unescapeWiki(out))).isEqualTo(decodeWiki(text.replace("\r", "")));
  }

  @Property
  void wikiLinksAreBareHttpUrlsOrEscapedText(@ForAll("urls") String url) {
    String out = WikiMarkup.link(url);
    if (out.startsWith("[") && out.endsWith("]") && !out.startsWith("\\[")) {
      String inner = out.substring(1, out.length() - 1);
      assertThat(inner).isEqualTo(url).matches("https?://\\S+").doesNotContain("[", "]", "|");
      assertThat(inner).doesNotContain("{", "}", "!", "\\", "*", "^");
    } else {
      assertWikiLiteral(out);
    }
  }

  @Property
  void noformatBlocksCannotBeClosedFromInside(@ForAll("hostile") String text) {
    String out = WikiMarkup.noformat(text);
    assertThat(out).startsWith("{noformat}\n").endsWith("\n{noformat}");
    String inner = out.substring("{noformat}\n".length(), out.length() - "\n{noformat}".length());
    assertThat(inner.toLowerCase(java.util.Locale.ROOT)).doesNotContain("{noformat");
    assertThat(inner).doesNotContain("\r");
  }

  /** Every markup character is escaped by a backslash, and every backslash escapes one. */
  static void assertWikiLiteral(String out) {
    for (int i = 0; i < out.length(); i++) {
      char c = out.charAt(i);
      if (out.startsWith("&#92;", i) || out.startsWith("&#46;", i)) {
        i += 4; // the escaper's own entities: a backslash, a defused block marker's dot
      } else if (c == '\\') {
        assertThat(i + 1).as("a backslash at the end of %s", out).isLessThan(out.length());
        assertThat(WIKI_SPECIAL)
            .as("escaped character in %s", out)
            .contains("" + out.charAt(i + 1));
        i++;
      } else {
        assertThat(WIKI_SPECIAL.indexOf(c)).as("unescaped '%s' in %s", c, out).isNegative();
      }
    }
    for (String line : out.split("\n", -1)) {
      assertThat(WIKI_BLOCK.matcher(line).find()).as("block marker in line %s", line).isFalse();
    }
    assertThat(HostileText.wellFormed(out)).isTrue();
  }

  static String unescapeWiki(String s) {
    return s.replaceAll("\\\\(.)", "$1");
  }

  /** What Jira shows for the two entities the escaper uses. */
  static String decodeWiki(String s) {
    return s.replace("&#92;", "\\").replace("&#46;", ".");
  }
}
