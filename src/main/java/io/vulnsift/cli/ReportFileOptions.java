package io.vulnsift.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vulnsift.engine.report.RunReport;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * {@code --plan-out} and {@code --report-out} of the commands that run workflows once and end
 * ({@code run}, {@code event}): the files are written after the last run, which a command that
 * never ends ({@code serve}) or runs no workflow ({@code findings}) does not have.
 */
public class ReportFileOptions {

  @Option(names = "--plan-out", paramLabel = "FILE", description = "Write the plan (JSON Lines).")
  Path planOut;

  @Option(names = "--report-out", paramLabel = "FILE", description = "Write the run report (JSON).")
  Path reportOut;

  void write(List<RunReport> reports, ObjectMapper json) {
    new ReportFiles(json).write(reports, planOut, reportOut);
  }
}
