package io.vulnsift.sources.ecr;

import io.vulnsift.engine.port.FindingSource;
import io.vulnsift.model.Finding;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Findings from files holding ECR {@code DescribeImageScanFindings} responses: every {@code *.json}
 * under a directory, recursively, in path order. Pages of one image may be spread over files.
 *
 * <p>An image is skipped and counted when its scan status is neither {@code COMPLETE} (basic) nor
 * {@code ACTIVE} (enhanced continuous scanning), key {@code scan-status:<STATUS>}, or when none of
 * its findings was observed within the request's lookback, key {@value #STALE}. A malformed file is
 * an error, not a skip: silently losing findings is worse than failing the run.
 */
public final class FileFindingSource implements FindingSource {

  /** Skip reason of an image whose findings are all older than the lookback. */
  public static final String STALE = ScanTriage.STALE;

  private final Path directory;
  private final EcrFindingsParser parser;

  public FileFindingSource(Path directory) {
    this(directory, new EcrFindingsParser());
  }

  public FileFindingSource(Path directory, EcrFindingsParser parser) {
    this.directory = Objects.requireNonNull(directory, "directory");
    this.parser = Objects.requireNonNull(parser, "parser");
  }

  @Override
  public boolean honoursShards() {
    return true;
  }

  @Override
  public Fetched fetch(FetchRequest request) {
    List<Path> files = jsonFiles();
    Map<String, List<ImageScan>> byImage = new LinkedHashMap<>();
    SharedStrings strings = new SharedStrings();
    for (Path file : files) {
      for (ImageScan scan : parser.parseScans(file, strings)) {
        String image = scan.registry() + "/" + scan.repository() + "@" + scan.imageDigest();
        byImage.computeIfAbsent(image, k -> new ArrayList<>()).add(scan);
      }
    }
    Instant cutoff =
        request.now() == null || request.lookback() == null
            ? null
            : request.now().minus(request.lookback());
    List<Finding> findings = new ArrayList<>();
    Map<String, Integer> skipped = new TreeMap<>();
    for (List<ImageScan> pages : byImage.values()) {
      if (!request.covers(pages.get(0).repository())) {
        continue; // another shard's image
      }
      List<Finding> inScope = new ArrayList<>();
      pages.forEach(
          s -> s.findings().stream().filter(f -> inScope(f, request)).forEach(inScope::add));
      if (inScope.isEmpty() && !imageInScope(pages.get(0), request)) {
        continue;
      }
      ScanTriage.Result triaged = ScanTriage.triage(pages, inScope, cutoff);
      if (triaged.skipped() != null) {
        skipped.merge(triaged.skipped(), 1, Integer::sum);
      }
      findings.addAll(triaged.findings());
    }
    return new Fetched(findings, skipped, Map.of("file.read", files.size()));
  }

  private static boolean inScope(Finding f, FetchRequest request) {
    return request.scope() == null
        || request.scope().isEmpty()
        || matches(request.scope().get(), f.registry(), f.repository(), f.imageDigest());
  }

  private static boolean imageInScope(ImageScan s, FetchRequest request) {
    return request.scope() == null
        || request.scope().isEmpty()
        || matches(request.scope().get(), s.registry(), s.repository(), s.imageDigest());
  }

  private static boolean matches(ImageRef ref, String registry, String repository, String digest) {
    return Objects.equals(ref.imageDigest(), digest)
        && (ref.repository() == null || ref.repository().equals(repository))
        && (ref.registry() == null || registry == null || ref.registry().equals(registry));
  }

  private List<Path> jsonFiles() {
    try (Stream<Path> walk = Files.walk(directory)) {
      return walk.filter(Files::isRegularFile)
          .filter(p -> p.getFileName().toString().endsWith(".json"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + directory + ": " + e.getMessage(), e);
    }
  }
}
