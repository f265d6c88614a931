package io.vulnsift.report.html;

import io.vulnsift.engine.report.FunnelStage;
import java.util.List;
import java.util.Locale;

/**
 * The funnel as an inline SVG chart: one centred bar per stage, its width proportional to what
 * survives (findings against the fetched count, groups against the group count, since the two
 * scales differ by orders of magnitude), the count and the drop reason written beside it as text.
 */
final class FunnelSvg {
  private static final int WIDTH = 1100;
  private static final int ROW = 30;
  private static final int BAR = 20;
  private static final int TOP = 26;
  private static final int CENTER = 400;
  private static final int MAX_BAR = 400;
  private static final int REASON_CHARS = 58;

  private FunnelSvg() {}

  static String render(List<FunnelStage> funnel, String title) {
    int findingsMax = max(funnel, "findings");
    int groupsMax = max(funnel, "groups");
    boolean separator =
        funnel.stream().anyMatch(s -> s.unit().equals("findings"))
            && funnel.stream().anyMatch(s -> s.unit().equals("groups"));
    int height = TOP + funnel.size() * ROW + (separator ? ROW : 0) + 6;
    StringBuilder svg = new StringBuilder();
    svg.append(
            String.format(
                Locale.ROOT,
                "<svg class=\"funnel\" viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"%s\""
                    + " xmlns=\"http://www.w3.org/2000/svg\">",
                WIDTH,
                height,
                Html.text(title)))
        .append("<text class=\"head\" x=\"190\" y=\"14\" text-anchor=\"end\">stage</text>")
        .append("<text class=\"head\" x=\"")
        .append(CENTER)
        .append("\" y=\"14\" text-anchor=\"middle\">what survives</text>")
        .append("<text class=\"head\" x=\"720\" y=\"14\">dropped, and why</text>");
    int y = TOP;
    String unit = null;
    for (int i = 0; i < funnel.size(); i++) {
      FunnelStage s = funnel.get(i);
      if (unit != null && !unit.equals(s.unit())) {
        svg.append("<line class=\"sep\" x1=\"10\" x2=\"1090\" y1=\"")
            .append(y + ROW / 2)
            .append("\" y2=\"")
            .append(y + ROW / 2)
            .append("\"/><text class=\"head\" x=\"")
            .append(CENTER)
            .append("\" y=\"")
            .append(y + ROW / 2 - 4)
            .append("\" text-anchor=\"middle\">alert groups</text>");
        y += ROW;
      }
      unit = s.unit();
      row(svg, s, i, y, s.unit().equals("groups") ? groupsMax : findingsMax);
      y += ROW;
    }
    return svg.append("</svg>").toString();
  }

  private static void row(StringBuilder svg, FunnelStage s, int index, int y, int max) {
    int width = max == 0 ? 0 : (int) Math.round((double) s.count() / max * MAX_BAR);
    if (s.count() > 0) {
      width = Math.max(width, 3);
    }
    int mid = y + BAR / 2 + 5;
    svg.append("<g class=\"stage ")
        .append(kind(s))
        .append("\"><title>")
        .append(Html.text(describe(s)))
        .append("</title>");
    svg.append("<text class=\"label\" x=\"190\" y=\"")
        .append(mid)
        .append("\" text-anchor=\"end\">")
        .append(Html.text(s.stage()))
        .append("</text>");
    svg.append("<rect class=\"track\" x=\"")
        .append(CENTER - MAX_BAR / 2)
        .append("\" y=\"")
        .append(y)
        .append("\" width=\"")
        .append(MAX_BAR)
        .append("\" height=\"")
        .append(BAR)
        .append("\" rx=\"3\"/>");
    svg.append("<rect class=\"bar\" x=\"")
        .append(CENTER - width / 2)
        .append("\" y=\"")
        .append(y)
        .append("\" width=\"")
        .append(width)
        .append("\" height=\"")
        .append(BAR)
        .append("\" rx=\"3\"/>");
    svg.append("<text class=\"count\" x=\"")
        .append(CENTER + MAX_BAR / 2 + 12)
        .append("\" y=\"")
        .append(mid)
        .append("\" data-stage=\"")
        .append(Html.text(s.stage()))
        .append("\" data-index=\"")
        .append(index)
        .append("\">")
        .append(s.count())
        .append("</text><text class=\"unit\" x=\"")
        .append(CENTER + MAX_BAR / 2 + 58)
        .append("\" y=\"")
        .append(mid)
        .append("\">")
        .append(Html.text(s.unit()))
        .append("</text>");
    if (s.dropped() > 0) {
      String reason = s.reason() == null ? "" : s.reason();
      if (reason.length() > REASON_CHARS) {
        reason = reason.substring(0, REASON_CHARS - 1) + "…";
      }
      svg.append("<text class=\"drop\" x=\"720\" y=\"")
          .append(mid)
          .append("\">−")
          .append(s.dropped())
          .append(reason.isEmpty() ? "" : ": ")
          .append(Html.text(reason))
          .append("</text>");
    }
    svg.append("</g>");
  }

  private static String kind(FunnelStage s) {
    return switch (s.stage()) {
      case "delivered", "planned" -> "good";
      case "failed" -> s.count() > 0 ? "bad" : "groups";
      default -> s.unit().equals("groups") ? "groups" : "findings";
    };
  }

  private static String describe(FunnelStage s) {
    String text = s.stage() + ": " + s.count() + " " + s.unit();
    if (s.dropped() > 0) {
      text += ", " + s.dropped() + " dropped" + (s.reason() == null ? "" : ": " + s.reason());
    }
    return text;
  }

  private static int max(List<FunnelStage> funnel, String unit) {
    return funnel.stream()
        .filter(s -> s.unit().equals(unit))
        .mapToInt(FunnelStage::count)
        .max()
        .orElse(0);
  }
}
