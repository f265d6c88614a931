package io.vulnsift.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.vulnsift.app.Backends;
import io.vulnsift.app.FindingsView;
import io.vulnsift.app.FindingsView.Row;
import io.vulnsift.app.VulnsiftConfig;
import io.vulnsift.engine.RunOptions;
import io.vulnsift.model.Severity;
import jakarta.inject.Inject;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code findings}: the current findings with their runtime context, as a table, CSV or JSON — for
 * the SRE who wants to look before automating. Reads, never writes state or sends anything.
 */
@Command(name = "findings", description = "List current findings with their runtime context.")
public class FindingsCommand implements Callable<Integer> {

  /** Output formats. */
  enum Format {
    table,
    csv,
    json
  }

  @Mixin RunMixin opts;

  @Option(
      names = "--runtime-status",
      paramLabel = "STATUS",
      description = "'running' or 'not running'")
  String runtimeStatus;

  @Option(names = "--stage", paramLabel = "STAGE", description = "e.g. production")
  String stage;

  @Option(names = "--severity", paramLabel = "SEVERITY", description = "minimum severity")
  String severity;

  @Option(names = "--lookback", defaultValue = "P7D", description = "ISO-8601 (default 7 days)")
  Duration lookback;

  @Option(names = "--max-age", defaultValue = "PT3H", description = "inventory age (default 3h)")
  Duration maxAge;

  @Option(names = "--format", defaultValue = "table", description = "table, csv or json")
  Format format;

  @Inject VulnsiftConfig config;
  @Inject ObjectMapper json;

  @Override
  public Integer call() throws Exception {
    String status = runtimeStatus == null ? null : runtimeStatus.trim().toLowerCase(Locale.ROOT);
    if (status != null && !status.equals("running") && !status.equals("not running")) {
      throw new IllegalArgumentException(
          "--runtime-status: '" + runtimeStatus + "' is neither 'running' nor 'not running'");
    }
    RunOptions o = opts.options(config);
    FindingsView.Filter filter =
        new FindingsView.Filter(
            Optional.ofNullable(status),
            Optional.ofNullable(stage),
            Optional.ofNullable(severity).map(FindingsCommand::severity));
    try (Backends backends = opts.backends(config, json)) {
      List<Row> rows =
          FindingsView.rows(
              opts.environment(backends, config, o.now()), o.now(), lookback, maxAge, filter);
      print(rows, System.out);
    }
    return ExitCodes.OK;
  }

  private static Severity severity(String text) {
    try {
      return Severity.valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "--severity: '"
              + text
              + "' is not one of "
              + java.util.Arrays.toString(Severity.values()),
          e);
    }
  }

  private void print(List<Row> rows, PrintStream out) throws Exception {
    switch (format) {
      case json ->
          out.println(
              json.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(rows));
      case csv -> {
        out.println(
            "severity,cvss,vulnerability,package,version,repository,digest,runtime,stages,products,"
                + "clusters,workloads");
        rows.forEach(
            r ->
                out.println(
                    String.join(",", cells(r).stream().map(FindingsCommand::csv).toList())));
      }
      default -> {
        String fmt = "%-9s %-5s %-16s %-28s %-22s %-18s %-12s %-11s %-20s %s%n";
        out.printf(
            fmt,
            "SEVERITY",
            "CVSS",
            "VULNERABILITY",
            "PACKAGE",
            "VERSION",
            "REPOSITORY",
            "DIGEST",
            "RUNTIME",
            "STAGES",
            "PRODUCTS");
        rows.forEach(
            r -> {
              List<String> c = cells(r);
              out.printf(
                  fmt,
                  c.get(0),
                  c.get(1),
                  c.get(2),
                  cut(c.get(3), 28),
                  cut(c.get(4), 22),
                  cut(c.get(5), 18),
                  shortDigest(c.get(6)),
                  c.get(7),
                  cut(c.get(8), 20),
                  c.get(9));
            });
        out.printf("%d finding(s)%n", rows.size());
      }
    }
  }

  private static List<String> cells(Row r) {
    var f = r.finding();
    return List.of(
        f.severity(),
        f.cvssScore() == null ? "" : f.cvssScore().toString(),
        f.vulnerabilityId(),
        f.packageName(),
        f.packageVersion(),
        f.repository(),
        f.imageDigest(),
        r.runtimeStatus(),
        String.join(" ", r.stages()),
        String.join(" ", r.products()),
        String.join(" ", r.clusters()),
        String.join(" ", r.workloads()));
  }

  /** The first 12 hex digits, as {@code docker images} shows an image id. */
  private static String shortDigest(String digest) {
    String hex = digest.startsWith("sha256:") ? digest.substring(7) : digest;
    return hex.length() > 12 ? hex.substring(0, 12) : hex;
  }

  private static String cut(String s, int n) {
    return s == null ? "" : s.length() <= n ? s : s.substring(0, n - 1) + "…";
  }

  /** RFC 4180 quoting; a leading formula character is neutralised for spreadsheet safety. */
  private static String csv(String s) {
    String v = s == null ? "" : s;
    if (!v.isEmpty() && "=+-@".indexOf(v.charAt(0)) >= 0) {
      v = "'" + v;
    }
    return "\"" + v.replace("\"", "\"\"") + "\"";
  }
}
