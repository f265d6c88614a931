package io.vulnsift.report.html;

import static org.assertj.core.api.Assertions.assertThat;

import io.vulnsift.engine.report.RunReport;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The page as text: self-contained, the funnel numbers written out, links only where they are safe,
 * and scanner text never turned into markup. {@link HtmlReportBrowserTest} checks it in a browser.
 */
class HtmlReportTest {

  @Test
  void isOneSelfContainedPageWithTheFunnelNumbersAsText() {
    RunReport r = Reports.plain();

    String page = HtmlReport.render(List.of(r));

    assertThat(page).startsWith("<!DOCTYPE html>");
    // Nothing to load: no external script, style sheet, image or font.
    assertThat(page).doesNotContain(" src=", "<link", "@import", "url(");
    r.funnel()
        .forEach(
            s ->
                assertThat(page)
                    .containsPattern(
                        "class=\"count\"[^>]*data-stage=\""
                            + s.stage()
                            + "\"[^>]*>"
                            + s.count()
                            + "</text>"));
    assertThat(page).contains("−1: severity not in [CRITICAL]");
  }

  @Test
  void linksCvesToNvdOtherAdvisoriesToTheScannersUriAndJiraKeysToTheirIssue() {
    String page = HtmlReport.render(List.of(Reports.plain()));

    assertThat(page)
        .contains("href=\"https://nvd.nist.gov/vuln/detail/CVE-2024-0001\"")
        .contains("href=\"https://nvd.nist.gov/vuln/detail/CVE-2024-0002\"")
        .contains("href=\"https://github.com/advisories/x\"")
        .contains("href=\"https://acme.atlassian.net/browse/SEC-12\"");
  }

  @Test
  void scannerTextIsEscapedAndUnsafeLinksAreNotLinks() {
    String page = HtmlReport.render(List.of(Reports.hostile()));

    // The page's own script is the only one, and it runs only with the page's nonce.
    assertThat(count(page, "<script")).isEqualTo(1);
    Matcher nonce = Pattern.compile("script-src 'nonce-([^']+)'").matcher(page);
    assertThat(nonce.find()).isTrue();
    assertThat(page).contains("<script nonce=\"" + nonce.group(1) + "\">");
    assertThat(page).doesNotContain("<img", "<svg onload", "<b>1</b>", "<i>reason</i>");
    assertThat(page).doesNotContain("onerror=\"", "onmouseover=\"", "href=\"javascript");
    assertThat(page).contains("&lt;script&gt;window.__pwned=1&lt;/script&gt;");
    assertThat(page).contains("CVE-2024-1&quot; onmouseover=&quot;x");
    assertThat(page).contains("SEC-1&lt;script&gt;");
  }

  @Test
  void aStageListIsAJsonArrayTheScriptCanReadBack() {
    assertThat(FindingRow.jsonArray(List.of("production", "a\"b\\c\n")))
        .isEqualTo("[\"production\",\"a\\\"b\\\\c\\u000a\"]");
    assertThat(FindingRow.jsonArray(List.of())).isEqualTo("[]");
  }

  @Test
  void onlyAbsoluteHttpUrlsWithAHostAreLinks() {
    assertThat(Html.link("https://nvd.nist.gov/x ")).contains("https://nvd.nist.gov/x");
    assertThat(Html.link("HTTP://example.org")).isPresent();
    assertThat(Html.link("javascript:alert(1)")).isEmpty();
    assertThat(Html.link("JaVaScRiPt:alert(1)")).isEmpty();
    assertThat(Html.link("data:text/html,<script>")).isEmpty();
    assertThat(Html.link("//evil.example/x")).isEmpty();
    assertThat(Html.link("not a url")).isEmpty();
    assertThat(Html.link(null)).isEmpty();
  }

  private static int count(String text, String part) {
    int n = 0;
    for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
      n++;
    }
    return n;
  }
}
