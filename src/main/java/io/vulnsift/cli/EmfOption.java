package io.vulnsift.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vulnsift.engine.report.EmfMetrics;
import io.vulnsift.engine.report.RunReport;
import java.time.Instant;
import picocli.CommandLine.Option;

/**
 * {@code --emf} of the commands that run workflows ({@code run}, {@code event}, {@code serve}), and
 * how they print a finished run.
 */
public class EmfOption {

  @Option(
      names = "--emf",
      description = "Also print each run's funnel as a CloudWatch Embedded Metric Format line.")
  boolean emf;

  /** Prints a finished run: its summary, and its EMF line when asked for. */
  void print(RunReport report, ObjectMapper json) {
    RunSummary.print(report, System.out);
    if (emf) {
      System.out.println(EmfMetrics.of(report, Instant.now(), json));
    }
  }
}
