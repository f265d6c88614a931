package io.vulnsift.cli;

import io.vulnsift.engine.RunOptions;
import io.vulnsift.engine.report.RunReport;
import io.vulnsift.report.html.HtmlReport;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * {@code --report-html FILE} of {@code run} and {@code event}: the run report as one self-contained
 * page. Asking for it makes the runs trace every current finding, which the page's findings table
 * needs and the JSON report leaves out.
 */
public class HtmlReportOption {

  @Option(
      names = "--report-html",
      paramLabel = "FILE",
      description =
          "Write the run report as one self-contained HTML page: the funnel chart and every"
              + " current finding with its runtime context (filter, search, sort).")
  Path file;

  /** The options with the finding trace the page needs, when it was asked for. */
  RunOptions apply(RunOptions options) {
    return options.traceFindings(file != null);
  }

  void write(List<RunReport> reports) {
    if (file != null) {
      ReportFiles.write(file, HtmlReport.render(reports));
    }
  }
}
