package io.vulnsift.report.html;

import io.vulnsift.engine.report.FunnelStage;
import io.vulnsift.engine.report.RunReport;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The run report as one self-contained HTML page ({@code --report-html}): per workflow the funnel
 * as an SVG chart, the alert groups with their decisions, and every current finding with its
 * runtime context in a table filterable by runtime status and product stage, searchable and
 * sortable. Styles and script are inline and the page loads nothing, so it works offline, from a CI
 * artifact or an e-mail attachment; a Content-Security-Policy with a per-page nonce keeps any
 * script but its own from running, should escaping ever miss something.
 */
public final class HtmlReport {
  private static final String CSS = resource("report.css");
  private static final String JS = resource("report.js");
  private static final SecureRandom RANDOM = new SecureRandom();

  private HtmlReport() {}

  /** The page for the reports of one invocation (one section per workflow run). */
  public static String render(List<RunReport> reports) {
    byte[] bytes = new byte[18];
    RANDOM.nextBytes(bytes);
    String nonce = Base64.getEncoder().encodeToString(bytes);
    StringBuilder page = new StringBuilder(64 * 1024);
    page.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';")
        .append(" style-src 'nonce-")
        .append(nonce)
        .append("'; script-src 'nonce-")
        .append(nonce)
        .append("'; img-src data:; base-uri 'none'; form-action 'none'\">")
        .append("<title>vulnsift report: ")
        .append(
            Html.text(reports.stream().map(RunReport::workflow).collect(Collectors.joining(", "))))
        .append("</title><style nonce=\"")
        .append(nonce)
        .append("\">")
        .append(CSS)
        .append("</style></head><body><header><h1>vulnsift <span>run report</span></h1>");
    if (!reports.isEmpty()) {
      page.append("<p>clock ")
          .append(Html.text(String.valueOf(reports.get(0).now())))
          .append("</p>");
    }
    page.append("</header><main>");
    if (reports.isEmpty()) {
      page.append("<p class=\"empty\">No workflow ran.</p>");
    }
    for (int i = 0; i < reports.size(); i++) {
      section(page, reports.get(i), i);
    }
    page.append("</main><script nonce=\"")
        .append(nonce)
        .append("\">")
        .append(JS)
        .append("</script></body></html>\n");
    return page.toString();
  }

  private static void section(StringBuilder page, RunReport r, int index) {
    page.append("<section class=\"run\" id=\"run-")
        .append(index)
        .append("\" data-workflow=\"")
        .append(Html.text(r.workflow()))
        .append("\"><h2>")
        .append(Html.text(r.workflow()))
        .append(r.dryRun() ? " <span class=\"tag\">dry run</span>" : "")
        .append("</h2><p class=\"meta\">first run: ")
        .append(Html.text(r.firstRun()))
        .append(" · clock ")
        .append(Html.text(String.valueOf(r.now())))
        .append(" · took ")
        .append(r.durationMillis())
        .append(" ms · run ")
        .append(Html.text(r.runId()))
        .append("</p>");
    cards(page, r);
    page.append("<h3>Funnel</h3><figure>")
        .append(FunnelSvg.render(r.funnel(), r.workflow() + " funnel"))
        .append("</figure>");
    if (!r.skippedImages().isEmpty()) {
      page.append("<p class=\"note\">Skipped images: ")
          .append(
              Html.text(
                  r.skippedImages().entrySet().stream()
                      .map(e -> e.getValue() + " " + e.getKey())
                      .collect(Collectors.joining(", "))))
          .append("</p>");
    }
    if (!r.errors().isEmpty()) {
      page.append("<div class=\"errors\"><h3>Errors</h3><ul>");
      r.errors().forEach(e -> page.append("<li>").append(Html.text(e)).append("</li>"));
      page.append("</ul></div>");
    }
    GroupsTable.render(page, r);
    page.append("<h3>Findings <span class=\"sub\">every current finding, where it runs and what")
        .append(" became of it</span></h3>")
        .append(FindingsTable.render(r, index));
    requests(page, r);
    page.append("</section>");
  }

  /** The few numbers a reader wants first. */
  private static void cards(StringBuilder page, RunReport r) {
    List<FunnelStage> findings =
        r.funnel().stream().filter(s -> s.unit().equals("findings")).toList();
    page.append("<div class=\"cards\">");
    if (!findings.isEmpty()) {
      card(page, "fetched", findings.get(0).count(), "findings");
      FunnelStage last = findings.get(findings.size() - 1);
      card(page, "after " + last.stage(), last.count(), "findings");
    }
    card(page, "alert groups", r.count("groups"), null);
    card(page, "new", r.count("new"), "groups");
    String sent = r.dryRun() ? "planned" : "delivered";
    card(page, sent, r.count(sent), "groups");
    if (!r.dryRun()) {
      card(page, "failed", r.count("failed"), "groups");
    }
    page.append("</div>");
  }

  private static void card(StringBuilder page, String label, int value, String unit) {
    if (value < 0) {
      return;
    }
    page.append("<div class=\"card\"><span class=\"value\">")
        .append(value)
        .append("</span><span class=\"label\">")
        .append(Html.text(label))
        .append(unit == null ? "" : " <small>" + Html.text(unit) + "</small>")
        .append("</span></div>");
  }

  /** Requests per adapter and the phases' durations, folded: for whoever tunes a run. */
  private static void requests(StringBuilder page, RunReport r) {
    page.append("<details class=\"calls\"><summary>Requests and durations</summary>")
        .append("<div class=\"two\"><table><thead><tr><th>adapter</th><th>request</th>")
        .append("<th>count</th></tr></thead><tbody>");
    rows(page, r.calls(), "");
    rows(page, r.capacity(), " (capacity units)");
    page.append("</tbody></table><table><thead><tr><th>phase</th><th>ms</th></tr></thead><tbody>");
    r.durations()
        .forEach(
            (phase, ms) ->
                page.append("<tr><td>")
                    .append(Html.text(phase))
                    .append("</td><td>")
                    .append(ms)
                    .append("</td></tr>"));
    page.append("</tbody></table></div></details>");
  }

  /** One row per adapter and request: its name, {@code label} appended, and its value. */
  private static void rows(
      StringBuilder page, Map<String, ? extends Map<String, ?>> byAdapter, String label) {
    byAdapter.forEach(
        (adapter, ops) ->
            ops.forEach(
                (op, value) ->
                    page.append("<tr><td>")
                        .append(Html.text(adapter))
                        .append("</td><td>")
                        .append(Html.text(op))
                        .append(label)
                        .append("</td><td>")
                        .append(value)
                        .append("</td></tr>")));
  }

  private static String resource(String name) {
    try (InputStream in = HtmlReport.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
