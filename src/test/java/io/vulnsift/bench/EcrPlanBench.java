package io.vulnsift.bench;

import io.vulnsift.engine.port.FindingSource.FetchRequest;
import io.vulnsift.engine.port.FindingSource.Fetched;
import io.vulnsift.engine.port.FindingSource.ImageRef;
import io.vulnsift.model.Finding;
import io.vulnsift.sources.ecr.EcrFindingSource;
import io.vulnsift.sources.ecr.EcrPlan;
import io.vulnsift.sources.ecr.EcrSettings;
import io.vulnsift.sources.ecr.EcrTestClients;
import io.vulnsift.sources.ecr.FakeEcr;
import io.vulnsift.workflow.Source.Repositories;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * ECR calls of the runtime-first plan vs the sweep (SPEC §6: calls scale with running images), on a
 * synthetic registry served by the fake ECR through the real SDK client: 200 repositories × 50
 * images, 10% running; 95% of images have 5 basic findings (one page), 5% have 150 enhanced
 * findings (two pages of 100). Not a test: run it and read the table (docs/benchmarks.md).
 *
 * <p>Arguments (optional): repositories, images per repository, running fraction, latency ms.
 */
public final class EcrPlanBench {

  private static final String ACCOUNT = "111111111111";
  private static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");
  private static final List<String> OPS =
      List.of(
          "DescribeRegistry",
          "DescribeRepositories",
          "DescribeImages",
          "DescribeImageScanFindings");

  private EcrPlanBench() {}

  public static void main(String[] args) {
    int repos = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    int perRepo = args.length > 1 ? Integer.parseInt(args[1]) : 50;
    double runningShare = args.length > 2 ? Double.parseDouble(args[2]) : 0.10;
    int latencyMs = args.length > 3 ? Integer.parseInt(args[3]) : 2;
    try (FakeEcr ecr = FakeEcr.start(ACCOUNT)) {
      ecr.recordBodies(false).latency(Duration.ofMillis(latencyMs));
      List<ImageRef> running = new ArrayList<>();
      int runningEvery = (int) Math.round(1 / runningShare);
      int n = 0;
      for (int r = 0; r < repos; r++) {
        String repo = "team-" + (r % 20) + "/service-" + r;
        for (int i = 0; i < perRepo; i++, n++) {
          String digest = FakeEcr.digest(repo + "@" + i);
          var image = ecr.image(ACCOUNT, repo, digest).completedAt(NOW.minus(Duration.ofDays(1)));
          // A stable pseudo-random 5% get enhanced scanning, independent of which images run.
          if (Math.floorMod(digest.hashCode(), 20) == 0) {
            image.enhancedFindings(150, NOW.minus(Duration.ofHours(5)));
          } else {
            image.basicFindings(5);
          }
          if (n % runningEvery == 0) {
            running.add(new ImageRef(ACCOUNT, repo, digest));
          }
        }
      }
      System.out.printf(
          "registry: %d repositories x %d images = %d images, %d running (%.0f%%), "
              + "fake latency %d ms, concurrency %d%n%n",
          repos,
          perRepo,
          n,
          running.size(),
          100.0 * running.size() / n,
          latencyMs,
          EcrSettings.DEFAULT_CONCURRENCY);
      Run sweep = run(ecr, EcrPlan.SWEEP, running);
      Run runtime = run(ecr, EcrPlan.RUNTIME_FIRST, running);
      StringBuilder head = new StringBuilder(String.format("%-14s", "plan"));
      OPS.forEach(op -> head.append(String.format(" %" + op.length() + "s", op)));
      head.append(
          String.format(
              " %7s %6s %11s %8s %7s", "retries", "total", "per running", "findings", "wall ms"));
      System.out.println(head);
      for (Run run : List.of(sweep, runtime)) {
        StringBuilder row = new StringBuilder(String.format("%-14s", run.plan));
        OPS.forEach(op -> row.append(String.format(" %" + op.length() + "d", run.op(op))));
        row.append(
            String.format(
                " %7d %6d %11.3f %8d %7d",
                run.op("retries"),
                run.total(),
                (double) run.total() / running.size(),
                run.fetched.findings().size(),
                run.millis));
        System.out.println(row);
      }
      System.out.printf(
          "%nsweep / runtime-first ECR calls: %.1fx fewer%n",
          (double) sweep.total() / runtime.total());
      System.out.printf(
          "runtime-first findings = the sweep's findings of running images: %b%n",
          sameFindings(sweep, runtime, running));
    }
  }

  private record Run(String plan, Fetched fetched, long millis) {
    int op(String name) {
      return fetched.calls().getOrDefault(name, 0);
    }

    int total() {
      return OPS.stream().mapToInt(this::op).sum();
    }
  }

  private static Run run(FakeEcr ecr, EcrPlan plan, List<ImageRef> running) {
    ecr.resetCounters();
    try (EcrFindingSource source =
        EcrTestClients.source(new EcrSettings(null, null, 0, plan), ecr)) {
      FetchRequest request =
          new FetchRequest(
              NOW, Duration.ofDays(7), Optional.empty(), Repositories.ALL, Optional.of(running));
      long started = System.nanoTime();
      Fetched fetched = source.fetch(request);
      long millis = (System.nanoTime() - started) / 1_000_000;
      if (!fetched.calls().equals(withoutPlan(ecr, fetched))) {
        throw new IllegalStateException("source and fake disagree: " + ecr.calls());
      }
      return new Run(plan.label(), fetched, millis);
    }
  }

  /** The fake counts HTTP requests; they must match the source's own count. */
  private static java.util.Map<String, Integer> withoutPlan(FakeEcr ecr, Fetched fetched) {
    java.util.Map<String, Integer> expected = new java.util.TreeMap<>(ecr.calls());
    fetched.calls().keySet().stream()
        .filter(k -> k.startsWith("plan:"))
        .forEach(k -> expected.put(k, 1));
    return expected;
  }

  private static boolean sameFindings(Run sweep, Run runtime, List<ImageRef> running) {
    Set<String> digests = new HashSet<>();
    running.forEach(r -> digests.add(r.imageDigest()));
    List<Finding> fromSweep =
        sweep.fetched.findings().stream().filter(f -> digests.contains(f.imageDigest())).toList();
    return new HashSet<>(fromSweep).equals(new HashSet<>(runtime.fetched.findings()))
        && fromSweep.size() == runtime.fetched.findings().size();
  }
}
