package io.vulnsift.bench.jmh;

import io.vulnsift.bench.Synthetic;
import io.vulnsift.engine.port.FindingSource.FetchRequest;
import io.vulnsift.engine.port.FindingSource.ImageRef;
import io.vulnsift.model.Finding;
import io.vulnsift.sources.ecr.CannedEcr;
import io.vulnsift.sources.ecr.EcrFindingSource;
import io.vulnsift.sources.ecr.EcrPlan;
import io.vulnsift.sources.ecr.EcrSettings;
import io.vulnsift.sources.ecr.OneFetch;
import io.vulnsift.workflow.Source;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.DescribeImageScanFindingsResponse;

/**
 * ECR JSON to {@link Finding}s (SPEC §6: at least 100 MB/s), over the running images of a synthetic
 * estate, one thread:
 *
 * <ul>
 *   <li>{@code parser}: vulnsift's parser ({@code EcrFindingsParser}'s response reader), one
 *       response per image, as {@code --findings-from} reads the files of a fetch;
 *   <li>{@code sdk}: the API path — {@link EcrFindingSource} (runtime-first, one request at a time)
 *       through the real SDK client, whose HTTP client answers from memory ({@link CannedEcr}): the
 *       SDK's awsJson1_1 unmarshalling, vulnsift's mapping and triage, pages of 100 enhanced
 *       findings;
 *   <li>{@code sdkMapping}: vulnsift's mapping of already unmarshalled SDK pages alone (the bytes
 *       counted are those the pages came from).
 * </ul>
 *
 * The {@code bytes} counter is the JSON consumed per second (MB/s = bytes / 10^6), {@code findings}
 * the findings produced per second; the primary score is corpora per second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx1g", "-XX:ActiveProcessorCount=2"})
public class EcrParsingBench {

  /** The JSON and findings each operation consumed and produced, reported per second. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  public static class Counters {
    public long bytes;
    public long findings;

    @Setup(Level.Iteration)
    public void reset() {
      bytes = 0;
      findings = 0;
    }
  }

  /** Which images: {@code mixed} (the estate's 70% enhanced), {@code enhanced}, {@code basic}. */
  @Param({"mixed", "enhanced", "basic"})
  public String scans;

  private final List<byte[]> responses = new ArrayList<>();
  private long responseBytes;
  private final List<DescribeImageScanFindingsResponse> sdkPages = new ArrayList<>();
  private long pageBytes;
  private List<ImageRef> images;
  private EcrFindingSource source;
  private FetchRequest request;

  @Setup
  public void setUp() {
    Synthetic estate = new Synthetic(Synthetic.Shape.of(8_000, 800));
    Map<String, byte[]> canned = new HashMap<>();
    List<ImageRef> refs = new ArrayList<>();
    for (Synthetic.Image image : estate.runningImages()) {
      boolean take = scans.equals("mixed") || image.enhanced() == scans.equals("enhanced");
      if (!take) {
        continue;
      }
      byte[] whole = estate.responseBytes(image);
      responses.add(whole);
      responseBytes += whole.length;
      List<byte[]> pages = estate.pages(image);
      for (int p = 0; p < pages.size(); p++) {
        String key =
            p == 0 ? image.digest() : image.digest() + "/" + (p * (image.enhanced() ? 100 : 1000));
        canned.put(key, pages.get(p));
        pageBytes += pages.get(p).length;
      }
      refs.add(new ImageRef(Synthetic.ACCOUNT, image.repository(), image.digest()));
    }
    images = List.copyOf(refs);
    CannedEcr http = new CannedEcr(canned);
    EcrClient client = http.client();
    source =
        EcrFindingSource.forClient(client, new EcrSettings(null, null, 1, EcrPlan.RUNTIME_FIRST));
    // The registry is given, so no DescribeRegistry call: only findings pages are fetched.
    request =
        new FetchRequest(
            Synthetic.NOW,
            Duration.ofDays(3650),
            Optional.empty(),
            Source.Repositories.ALL,
            Optional.of(
                images.stream()
                    .map(i -> new ImageRef(null, i.repository(), i.imageDigest()))
                    .toList()));
    for (Synthetic.Image image : estate.runningImages()) {
      if (scans.equals("mixed") || image.enhanced() == scans.equals("enhanced")) {
        String token = null;
        do {
          String t = token;
          DescribeImageScanFindingsResponse page =
              client.describeImageScanFindings(
                  b ->
                      b.repositoryName(image.repository())
                          .imageId(id -> id.imageDigest(image.digest()))
                          .nextToken(t));
          sdkPages.add(page);
          token = page.nextToken();
        } while (token != null);
      }
    }
    System.out.printf(
        "%n%s: %d images, %,d bytes as files, %,d bytes as API pages (%d pages)%n",
        scans, images.size(), responseBytes, pageBytes, sdkPages.size());
  }

  @TearDown
  public void tearDown() {
    source.close();
  }

  @Benchmark
  public int parser(Counters counters) {
    int n = new OneFetch().parse(responses).size();
    counters.bytes += responseBytes;
    counters.findings += n;
    return n;
  }

  @Benchmark
  public int sdk(Counters counters) {
    int n = source.fetch(request).findings().size();
    counters.bytes += pageBytes;
    counters.findings += n;
    return n;
  }

  @Benchmark
  public int sdkMapping(Counters counters) {
    int n = new OneFetch().map(sdkPages).size();
    counters.bytes += pageBytes;
    counters.findings += n;
    return n;
  }
}
