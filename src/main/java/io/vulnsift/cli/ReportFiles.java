package io.vulnsift.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.vulnsift.engine.report.PlanLine;
import io.vulnsift.engine.report.RunReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes {@code --plan-out} (JSON Lines, one intended side effect per line) and {@code
 * --report-out} (the run report; an array when several workflows ran); {@link HtmlReportOption}
 * writes {@code --report-html} through {@link #write(Path, String)}.
 */
final class ReportFiles {
  private final ObjectMapper json;

  ReportFiles(ObjectMapper json) {
    this.json = json;
  }

  void write(List<RunReport> reports, Path planOut, Path reportOut) {
    try {
      if (planOut != null) {
        StringBuilder sb = new StringBuilder();
        for (RunReport r : reports) {
          for (PlanLine line : r.plan()) {
            sb.append(json.writeValueAsString(line)).append('\n');
          }
        }
        write(planOut, sb.toString());
      }
      if (reportOut != null) {
        Object value = reports.size() == 1 ? reports.get(0) : reports;
        write(
            reportOut,
            json.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(value)
                + "\n");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes a report file, creating its folder. */
  static void write(Path file, String text) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }
}
