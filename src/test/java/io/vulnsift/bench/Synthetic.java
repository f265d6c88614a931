package io.vulnsift.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vulnsift.model.Finding;
import io.vulnsift.model.InventoryRecord;
import io.vulnsift.sources.ecr.OneFetch;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * A seeded synthetic estate for the benchmarks: an ECR registry (repositories, images, basic and
 * enhanced findings with a realistic severity mix) and the runtime inventory that sees part of it
 * running. The same seed gives the same estate in every process, so the JMH benchmarks, the
 * end-to-end benchmark and a reader of docs/benchmarks.md all talk about the same data.
 *
 * <p>Shape, for {@link Shape#findings() F} findings and {@link Shape#inventoryRecords() R} records:
 *
 * <ul>
 *   <li>R / 4 image digests in the inventory, 4 containers each; {@link Shape#runningShare()} of
 *       them run (at least one fresh running container), the rest have only terminated or waiting
 *       containers. 5% of containers were last seen 4 h ago (stale) and 1% are past their TTL.
 *       Stages: about half the running digests run in production, the rest in staging, development
 *       or with no stage.
 *   <li>The registry stores those digests plus {@link Shape#idleFactor()} times as many images no
 *       container runs, about 6 images per repository, 70% with enhanced (Inspector) scanning.
 *   <li>The running images hold exactly F findings between them (what a runtime-first run fetches),
 *       about F / running digests per image with an exponential spread (some images need 2–4
 *       enhanced pages of 100); other images hold as many on average. Images of a repository draw
 *       from one pool of (CVE, package, version), so groups span images.
 *   <li>Enhanced findings: 97% observed within 2 days, 3% not for 8–30 days (not current); 10%
 *       first observed within the last 20 hours (alerted on a first run), the rest 1–120 days
 *       earlier (baseline). Basic scans: 10% completed within 20 hours, 82% 1–6 days ago, 8% 8–20
 *       days ago (skipped as older than the lookback).
 * </ul>
 *
 * Every finding is computed from (seed, image, index) alone, so a fake can serve any page of any
 * image without holding the registry in memory.
 */
public final class Synthetic {

  public static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");
  public static final String ACCOUNT = "123456789012";
  public static final String REGION = "eu-west-1";
  public static final int CONTAINERS_PER_DIGEST = 4;

  /** A prime: any stride below it walks the whole catalogue without repeating. */
  private static final int CATALOG = 20_011;

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * What to generate.
   *
   * @param findings findings of the running images (what a runtime-first run fetches)
   * @param inventoryRecords inventory records (containers)
   * @param runningShare share of the inventory's digests that run
   * @param idleFactor images stored but never run, per inventory digest
   * @param seed the seed of everything
   */
  public record Shape(
      int findings, int inventoryRecords, double runningShare, double idleFactor, long seed) {

    public static Shape of(int findings, int inventoryRecords) {
      return new Shape(findings, inventoryRecords, 0.6, 2.0, 42);
    }

    @Override
    public String toString() {
      return String.format(
          "%,d findings, %,d inventory records, %.0f%% of digests running, seed %d",
          findings, inventoryRecords, runningShare * 100, seed);
    }
  }

  /** Whether the inventory sees an image, and running. */
  public enum Kind {
    RUNNING,
    NOT_RUNNING,
    IDLE
  }

  /**
   * One stored image.
   *
   * @param findings how many findings its scan reports
   * @param scannedAt the scan's completion (basic: every finding's observation time)
   */
  public record Image(
      int index,
      int repo,
      String repository,
      String digest,
      String tag,
      boolean enhanced,
      int findings,
      Instant scannedAt,
      Kind kind,
      int poolSize,
      int offset,
      int stride) {}

  private final Shape shape;
  private final SyntheticCatalog catalog;
  private final List<Image> images = new ArrayList<>();
  private final List<InventoryRecord> inventory = new ArrayList<>();
  private final int[] poolStart;
  private final int[] poolStride;

  public Synthetic(Shape shape) {
    this.shape = shape;
    this.catalog = new SyntheticCatalog(CATALOG, shape.seed());
    SplittableRandom rnd = new SplittableRandom(shape.seed() * 7919 + 1);
    int digests = (shape.inventoryRecords() + CONTAINERS_PER_DIGEST - 1) / CONTAINERS_PER_DIGEST;
    int running = Math.max(1, (int) Math.round(digests * shape.runningShare()));
    int idle = (int) Math.round(digests * shape.idleFactor());
    int stored = digests + idle;
    int repos = Math.max(2, stored / 6);
    poolStart = new int[repos];
    poolStride = new int[repos];
    for (int r = 0; r < repos; r++) {
      poolStart[r] = rnd.nextInt(CATALOG);
      poolStride[r] = 1 + rnd.nextInt(CATALOG - 1);
    }
    double mean = (double) shape.findings() / running;
    int poolSize = nextPrime((int) Math.ceil(4 * mean) + 11);
    double[] weights = new double[stored];
    double runningWeight = 0;
    for (int i = 0; i < stored; i++) {
      // Exponential spread, clipped so that an image never needs more than its pool.
      weights[i] = Math.min(3.9, Math.max(0.05, -Math.log(1 - rnd.nextDouble())));
      if (i < running) {
        runningWeight += weights[i];
      }
    }
    int[] counts = new int[stored];
    int assigned = 0;
    for (int i = 0; i < stored; i++) {
      if (i < running) {
        counts[i] = (int) Math.floor(shape.findings() * weights[i] / runningWeight);
        assigned += counts[i];
      } else {
        counts[i] = Math.max(1, (int) Math.round(mean * weights[i]));
      }
    }
    for (int i = 0; assigned < shape.findings(); i = (i + 1) % running) {
      counts[i]++;
      assigned++;
    }
    for (int i = 0; i < stored; i++) {
      Kind kind = i < running ? Kind.RUNNING : i < digests ? Kind.NOT_RUNNING : Kind.IDLE;
      // Repositories take images of every kind, so each has running and idle versions.
      int repo = (int) ((i * 2_654_435_761L) % repos);
      boolean enhanced = rnd.nextInt(100) < 70;
      Instant scanned = enhanced ? NOW.minus(Duration.ofHours(1)) : basicScan(rnd);
      images.add(
          new Image(
              i,
              repo,
              repository(repo),
              digest(rnd),
              "v" + (1 + i % 4) + "." + (i % 17) + "." + (i % 5),
              enhanced,
              counts[i],
              scanned,
              kind,
              poolSize,
              rnd.nextInt(poolSize),
              1 + rnd.nextInt(poolSize - 1)));
    }
    for (int i = 0; i < digests; i++) {
      containers(images.get(i), rnd);
    }
    while (inventory.size() > shape.inventoryRecords()) {
      inventory.remove(inventory.size() - 1);
    }
  }

  public Shape shape() {
    return shape;
  }

  /** Every stored image: running ones first, then not running, then idle. */
  public List<Image> images() {
    return images;
  }

  public List<Image> runningImages() {
    return images.stream().filter(i -> i.kind() == Kind.RUNNING).toList();
  }

  public List<InventoryRecord> inventory() {
    return inventory;
  }

  static String repository(int repo) {
    return "team-" + (repo % 40) + "/service-" + repo;
  }

  private static Instant basicScan(SplittableRandom rnd) {
    int u = rnd.nextInt(100);
    if (u < 10) {
      return NOW.minus(Duration.ofMinutes(rnd.nextInt(20 * 60)));
    }
    if (u < 92) {
      return NOW.minus(Duration.ofMinutes(24 * 60 + rnd.nextInt(5 * 24 * 60)));
    }
    return NOW.minus(Duration.ofHours(8 * 24 + rnd.nextInt(12 * 24)));
  }

  private static String digest(SplittableRandom rnd) {
    StringBuilder sb = new StringBuilder("sha256:");
    HexFormat hex = HexFormat.of();
    for (int i = 0; i < 4; i++) {
      sb.append(hex.toHexDigits(rnd.nextLong()));
    }
    return sb.toString();
  }

  private static final String[][] STAGE_SETS = {
    {"production", "production", "staging", "production"},
    {"production", "staging", "staging", "development"},
    {"staging", "staging", "development", "staging"},
    {"development", "development", null, "development"},
    {null, null, null, "staging"}
  };

  private void containers(Image image, SplittableRandom rnd) {
    boolean runs = image.kind() == Kind.RUNNING;
    // About half the running digests run in production somewhere.
    String[] stages = STAGE_SETS[rnd.nextInt(100) < 50 ? rnd.nextInt(2) : 2 + rnd.nextInt(3)];
    for (int c = 0; c < CONTAINERS_PER_DIGEST; c++) {
      String stage = stages[c];
      String status;
      if (runs) {
        status = c == 0 || rnd.nextInt(100) < 85 ? "running" : "waiting";
      } else {
        status = rnd.nextInt(100) < 80 ? "terminated" : "waiting";
      }
      boolean fresh = c == 0 || rnd.nextInt(100) >= 5;
      Instant seen =
          fresh ? NOW.minus(Duration.ofMinutes(rnd.nextInt(120))) : NOW.minus(Duration.ofHours(4));
      Instant expires =
          c != 0 && rnd.nextInt(100) == 0 ? NOW.minusSeconds(60) : NOW.plus(Duration.ofDays(2));
      String cluster = stage == null ? "shared-eu-1" : stage.substring(0, 4) + "-eu-" + (c % 2);
      String namespace = "ns-" + (image.repo() % 50);
      String workload = "service-" + image.repo();
      String pod = workload + "-" + Integer.toHexString(image.index() * 31 + c);
      inventory.add(
          new InventoryRecord(
              image.digest(),
              cluster + "/" + namespace + "/" + pod + "/app",
              ACCOUNT,
              image.repository(),
              ACCOUNT
                  + ".dkr.ecr."
                  + REGION
                  + ".amazonaws.com/"
                  + image.repository()
                  + ":"
                  + image.tag(),
              cluster,
              namespace,
              workload,
              "app",
              status,
              stage,
              "product-" + (image.repo() % 40),
              image.tag(),
              "team-" + (image.repo() % 30),
              seen,
              expires,
              "kubernetes"));
    }
  }

  /** The catalogue entry of finding {@code i} of an image: a distinct pool position each. */
  SyntheticCatalog.Vuln vuln(Image image, int i) {
    long position = (image.offset() + (long) i * image.stride()) % image.poolSize();
    long index = (poolStart[image.repo()] + position * poolStride[image.repo()]) % CATALOG;
    return catalog.get((int) index);
  }

  /** Finding {@code i} of an image, as the ECR API sends it (epoch-second timestamps). */
  public ObjectNode finding(Image image, int i) {
    return image.enhanced() ? enhanced(image, i) : basic(image, i);
  }

  private ObjectNode basic(Image image, int i) {
    SyntheticCatalog.Vuln v = vuln(image, i);
    ObjectNode f = JSON.createObjectNode();
    String severity = v.severity().equals("UNTRIAGED") ? "UNDEFINED" : v.severity();
    f.put("name", v.cve())
        .put("description", v.description())
        .put("uri", "https://security-tracker.debian.org/tracker/" + v.cve())
        .put("severity", severity);
    ArrayNode attrs = f.putArray("attributes");
    attrs.addObject().put("key", "package_version").put("value", version(v));
    attrs.addObject().put("key", "package_name").put("value", v.packageName());
    if (v.score() > 0) {
      attrs.addObject().put("key", "CVSS3_VECTOR").put("value", v.vector());
      attrs.addObject().put("key", "CVSS3_SCORE").put("value", Double.toString(v.score()));
    }
    return f;
  }

  private static String version(SyntheticCatalog.Vuln v) {
    String version = v.release() == null ? v.version() : v.version() + "-" + v.release();
    return v.epoch() == 0 ? version : v.epoch() + ":" + version;
  }

  private ObjectNode enhanced(Image image, int i) {
    SyntheticCatalog.Vuln v = vuln(image, i);
    SplittableRandom rnd = new SplittableRandom(shape.seed() ^ (image.index() * 1_000_003L + i));
    Instant last =
        rnd.nextInt(100) < 97
            ? NOW.minus(Duration.ofMinutes(rnd.nextInt(48 * 60)))
            : NOW.minus(Duration.ofHours(8 * 24 + rnd.nextInt(22 * 24)));
    Instant first =
        rnd.nextInt(100) < 10
            ? min(last, NOW.minus(Duration.ofMinutes(rnd.nextInt(20 * 60))))
            : last.minus(Duration.ofHours(24 + rnd.nextInt(119 * 24)));
    String arnHex = HexFormat.of().toHexDigits(rnd.nextLong()) + HexFormat.of().toHexDigits(i);
    ObjectNode f = JSON.createObjectNode();
    f.put("awsAccountId", ACCOUNT)
        .put("description", v.description())
        .put("findingArn", "arn:aws:inspector2:" + REGION + ":" + ACCOUNT + ":finding/" + arnHex)
        .put("firstObservedAt", epoch(first))
        .put("lastObservedAt", epoch(last))
        .put("updatedAt", epoch(last));
    ObjectNode pvd = f.putObject("packageVulnerabilityDetails");
    if (v.score() > 0) {
      pvd.putArray("cvss")
          .addObject()
          .put("baseScore", v.score())
          .put("scoringVector", v.vector())
          .put("source", "NVD")
          .put("version", "3.1");
    } else {
      pvd.putArray("cvss");
    }
    pvd.putArray("referenceUrls").add("https://www.cve.org/CVERecord?id=" + v.cve());
    pvd.putArray("relatedVulnerabilities");
    pvd.put("source", v.os() ? "DEBIAN_CVE" : "NVD")
        .put("sourceUrl", "https://nvd.nist.gov/vuln/detail/" + v.cve())
        .put("vendorSeverity", v.severity())
        .put("vulnerabilityId", v.cve());
    ObjectNode pkg =
        pvd.putArray("vulnerablePackages")
            .addObject()
            .put("epoch", v.epoch())
            .put("name", v.packageName())
            .put("packageManager", v.manager())
            .put("sourceLayerHash", image.digest())
            .put("version", v.version());
    if (v.release() != null) {
      pkg.put("release", v.release());
    }
    pkg.put("fixedInVersion", v.fixedIn() == null ? "NotAvailable" : v.fixedIn());
    if (!v.os()) {
      pkg.put("filePath", "app/lib/" + v.packageName().replace(':', '-') + "-" + v.version());
    }
    f.putObject("remediation")
        .putObject("recommendation")
        .put("text", v.fixedIn() == null ? "None Provided" : "Upgrade to " + v.fixedIn());
    ObjectNode resource = f.putArray("resources").addObject();
    ObjectNode ecrImage = resource.putObject("details").putObject("awsEcrContainerImage");
    ecrImage
        .put("architecture", "amd64")
        .put("imageHash", image.digest())
        .put("platform", "DEBIAN_12")
        .put("pushedAt", epoch(NOW.minus(Duration.ofDays(30))))
        .put("registry", ACCOUNT)
        .put("repositoryName", image.repository());
    ecrImage.putArray("imageTags").add(image.tag());
    if (image.kind() == Kind.RUNNING) {
      ecrImage.put("inUseCount", 1 + rnd.nextInt(4)).put("lastInUseAt", epoch(NOW));
    }
    resource
        .put(
            "id",
            "arn:aws:ecr:"
                + REGION
                + ":"
                + ACCOUNT
                + ":repository/"
                + image.repository()
                + "/"
                + image.digest())
        .put("partition", "aws")
        .put("region", REGION)
        .put("type", "AWS_ECR_CONTAINER_IMAGE");
    resource.putObject("tags");
    if (v.score() > 0) {
      f.put("score", v.score());
      f.putObject("scoreDetails")
          .putObject("cvss")
          .put("score", v.score())
          .put("scoreSource", "NVD")
          .put("scoringVector", v.vector())
          .put("version", "3.1")
          .putArray("adjustments");
    }
    f.put("severity", v.severity())
        .put("status", "ACTIVE")
        .put("title", v.cve() + " - " + v.packageName())
        .put("type", "PACKAGE_VULNERABILITY")
        .put("fixAvailable", v.fixedIn() == null ? "NO" : "YES")
        .put("exploitAvailable", v.exploit() ? "YES" : "NO");
    return f;
  }

  /**
   * One {@code DescribeImageScanFindings} response for findings {@code [from, to)} of an image,
   * with {@code nextToken} when {@code more}.
   */
  public ObjectNode response(Image image, int from, int to, boolean more) {
    ObjectNode out = JSON.createObjectNode();
    out.put("registryId", ACCOUNT).put("repositoryName", image.repository());
    out.putObject("imageId").put("imageDigest", image.digest()).put("imageTag", image.tag());
    out.putObject("imageScanStatus")
        .put("status", image.enhanced() ? "ACTIVE" : "COMPLETE")
        .put(
            "description",
            image.enhanced()
                ? "Continuous scan is selected for image."
                : "The scan was completed successfully.");
    ObjectNode scan = out.putObject("imageScanFindings");
    scan.put("imageScanCompletedAt", epoch(image.scannedAt()))
        .put("vulnerabilitySourceUpdatedAt", epoch(image.scannedAt()));
    Map<String, Integer> counts = new TreeMap<>();
    ArrayNode list = scan.putArray(image.enhanced() ? "enhancedFindings" : "findings");
    for (int i = from; i < to; i++) {
      ObjectNode f = finding(image, i);
      counts.merge(f.path("severity").asText(), 1, Integer::sum);
      list.add(f);
    }
    ObjectNode severityCounts = scan.putObject("findingSeverityCounts");
    counts.forEach(severityCounts::put);
    if (more) {
      out.put("nextToken", image.digest() + "/" + to);
    }
    return out;
  }

  /** The API pages of an image: enhanced findings 100 per page, basic up to 1,000. */
  public List<byte[]> pages(Image image) {
    int per = image.enhanced() ? 100 : 1000;
    List<byte[]> out = new ArrayList<>();
    for (int from = 0; from == 0 || from < image.findings(); from += per) {
      int to = Math.min(image.findings(), from + per);
      out.add(bytes(response(image, from, to, to < image.findings())));
    }
    return out;
  }

  /** All findings of an image as one response, as {@code aws ecr … --output json} would print. */
  public byte[] responseBytes(Image image) {
    return bytes(response(image, 0, image.findings(), false));
  }

  /**
   * The findings of the running images, read by vulnsift's own parser from their responses: the
   * objects (and strings) a run holds after fetching them, for benchmarks with an in-memory source.
   */
  public List<Finding> parsedFindings() {
    List<Finding> out = new ArrayList<>(shape.findings());
    // In slices: the JSON of a million findings is 2 GB; their text is shared across all.
    List<byte[]> slice = new ArrayList<>();
    OneFetch fetch = new OneFetch();
    for (Image image : runningImages()) {
      slice.add(responseBytes(image));
      if (slice.size() == 100) {
        out.addAll(fetch.parse(slice));
        slice.clear();
      }
    }
    out.addAll(fetch.parse(slice));
    return out;
  }

  private static byte[] bytes(ObjectNode node) {
    try {
      return JSON.writeValueAsBytes(node);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static double epoch(Instant t) {
    return t.getEpochSecond() + t.getNano() / 1e9;
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }

  private static int nextPrime(int n) {
    for (int p = Math.max(n, 2); ; p++) {
      if (java.math.BigInteger.valueOf(p).isProbablePrime(30)) {
        return p;
      }
    }
  }
}
