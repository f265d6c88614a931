package io.vulnsift.sources.ecr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * A local fake of the ECR API speaking awsJson1_1 on 127.0.0.1, for the real SDK client: dispatch
 * on {@code X-Amz-Target}, epoch-second timestamps, errors as HTTP 400 with {@code __type}, {@code
 * nextToken} pagination (enhanced findings capped at 100 per page whatever {@code maxResults}
 * says). It records calls per operation, request bodies, and the most requests in flight at once.
 */
public final class FakeEcr implements AutoCloseable {

  public static final String TARGET_PREFIX = "AmazonEC2ContainerRegistry_V20150921.";
  static final ObjectMapper JSON = new ObjectMapper();

  static {
    // The JDK server writes headers and body separately; with Nagle on, each response waits for
    // the client's delayed ACK (tens of ms). Read once, when the first server starts.
    System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  /** One image and what its scan returns. */
  public static final class Image {
    final String registry;
    final String repository;
    final String digest;
    List<String> tags = List.of("latest");
    String status = "COMPLETE";
    Instant completedAt = Instant.parse("2026-11-19T12:00:00Z");
    boolean summary;
    String error;
    List<JsonNode> basic = new ArrayList<>();
    List<JsonNode> enhanced = new ArrayList<>();

    Image(String registry, String repository, String digest) {
      this.registry = registry;
      this.repository = repository;
      this.digest = digest;
    }

    public Image status(String s) {
      status = s;
      return this;
    }

    public Image completedAt(Instant t) {
      completedAt = t;
      return this;
    }

    /** Fill {@code imageScanStatus}/{@code imageScanFindingsSummary} in DescribeImages (Clair). */
    public Image summary() {
      summary = true;
      return this;
    }

    /** The findings call fails with this {@code __type}. */
    public Image error(String type) {
      error = type;
      return this;
    }

    public Image basic(JsonNode finding) {
      basic.add(finding);
      return this;
    }

    public Image enhanced(JsonNode finding) {
      enhanced.add(finding);
      status = "ACTIVE";
      return this;
    }

    /**
     * {@code n} findings made on request by {@code finding} (index → API JSON), enhanced or basic:
     * a benchmark's registry of millions of findings is served without being held in memory.
     */
    public Image generated(boolean isEnhanced, int n, IntFunction<JsonNode> finding) {
      List<JsonNode> list = new Generated(n, finding);
      if (isEnhanced) {
        enhanced = list;
        status = "ACTIVE";
      } else {
        basic = list;
      }
      return this;
    }

    /** {@code n} CRITICAL basic findings {@code CVE-2026-<i>} in packages {@code pkg-<i>}. */
    public Image basicFindings(int n) {
      for (int i = 0; i < n; i++) {
        basic(FakeFindings.basic("CVE-2026-" + i, "pkg-" + i, "1." + i));
      }
      return this;
    }

    /** {@code n} CRITICAL enhanced findings observed at {@code observedAt}. */
    public Image enhancedFindings(int n, Instant observedAt) {
      for (int i = 0; i < n; i++) {
        enhanced(FakeFindings.enhanced(this, "CVE-2026-" + i, "pkg-" + i, observedAt));
      }
      return this;
    }
  }

  /** A read-only list whose elements are computed when read. */
  private static final class Generated extends java.util.AbstractList<JsonNode> {
    private final int size;
    private final IntFunction<JsonNode> element;

    Generated(int size, IntFunction<JsonNode> element) {
      this.size = size;
      this.element = element;
    }

    @Override
    public JsonNode get(int index) {
      java.util.Objects.checkIndex(index, size);
      return element.apply(index);
    }

    @Override
    public int size() {
      return size;
    }
  }

  private final String defaultAccount;
  private final HttpServer server;
  private final ExecutorService threads = Executors.newCachedThreadPool(daemon());

  /** registry → repository → images, in insertion order. */
  private final Map<String, Map<String, List<Image>>> registries = new ConcurrentHashMap<>();

  private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
  private final Map<String, Queue<JsonNode>> bodies = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> attemptsByBody = new ConcurrentHashMap<>();
  private final Map<String, Queue<Long>> attemptTimes = new ConcurrentHashMap<>();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger maxInFlight = new AtomicInteger();
  private final AtomicInteger throttled = new AtomicInteger();
  private volatile int pageCap = 1000;
  private volatile List<Failure> failures = List.of();
  private volatile Duration latency = Duration.ZERO;
  private volatile boolean recordBodies = true;
  volatile boolean denyDescribeRegistry;

  private FakeEcr(String defaultAccount) throws IOException {
    this.defaultAccount = defaultAccount;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.setExecutor(threads);
    server.start();
  }

  /** A fake whose caller's registry (requests without {@code registryId}) is {@code account}. */
  public static FakeEcr start(String defaultAccount) {
    try {
      return new FakeEcr(defaultAccount);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  public String defaultAccount() {
    return defaultAccount;
  }

  /** Adds (or returns) an image; the repository is created with it. */
  public synchronized Image image(String registry, String repository, String digest) {
    List<Image> images = repository(registry, repository);
    for (Image i : images) {
      if (i.digest.equals(digest)) {
        return i;
      }
    }
    Image image = new Image(registry, repository, digest);
    images.add(image);
    return image;
  }

  public synchronized List<Image> repository(String registry, String repository) {
    return registries
        .computeIfAbsent(
            registry, r -> java.util.Collections.synchronizedMap(new java.util.LinkedHashMap<>()))
        .computeIfAbsent(repository, r -> new java.util.concurrent.CopyOnWriteArrayList<>());
  }

  /** Most items per page of any listing or basic findings (the API allows 1000). */
  public FakeEcr pageCap(int n) {
    pageCap = n;
    return this;
  }

  /** Every distinct request is throttled on its first {@code n} attempts. */
  public FakeEcr throttleFirstAttempts(int n) {
    return failFirstAttempts(n, "ThrottlingException", 400);
  }

  /** Every distinct request fails with {@code type} and {@code status} on its first attempts. */
  public FakeEcr failFirstAttempts(int n, String type, int status) {
    return failAttempts(java.util.Collections.nCopies(n, new Failure(status, type)));
  }

  /**
   * Every distinct request fails its first attempts, attempt {@code i} as {@code perAttempt[i]}
   * (e.g. throttled, then a 500, then served).
   */
  public FakeEcr failAttempts(List<Failure> perAttempt) {
    failures = List.copyOf(perAttempt);
    return this;
  }

  /** An injected failure of one attempt: its HTTP status and {@code __type}. */
  public record Failure(int status, String type) {
    public static final Failure THROTTLED = new Failure(400, "ThrottlingException");
    public static final Failure SERVER_ERROR = new Failure(500, "ServerException");
  }

  /** Time each request takes, so that concurrent requests overlap. */
  public FakeEcr latency(Duration d) {
    latency = d;
    return this;
  }

  /** {@code DescribeRegistry} answers AccessDeniedException (a role without that permission). */
  public FakeEcr denyDescribeRegistry() {
    denyDescribeRegistry = true;
    return this;
  }

  /** The benchmark turns body recording off to stay small. */
  public FakeEcr recordBodies(boolean on) {
    recordBodies = on;
    return this;
  }

  /** HTTP requests per operation, throttled attempts included. */
  public Map<String, Integer> calls() {
    Map<String, Integer> out = new TreeMap<>();
    calls.forEach((k, v) -> out.put(k, v.get()));
    return out;
  }

  public int calls(String operation) {
    AtomicInteger n = calls.get(operation);
    return n == null ? 0 : n.get();
  }

  public List<JsonNode> bodies(String operation) {
    return List.copyOf(bodies.getOrDefault(operation, new ConcurrentLinkedQueue<>()));
  }

  public int maxInFlight() {
    return maxInFlight.get();
  }

  /** Attempts answered with an injected failure (throttling or another). */
  public int throttled() {
    return throttled.get();
  }

  /** For each request throttled at least once: the nanosecond times of its attempts. */
  public List<List<Long>> retriedAttemptTimes() {
    return attemptTimes.values().stream().map(List::copyOf).filter(l -> l.size() > 1).toList();
  }

  public void resetCounters() {
    calls.clear();
    bodies.clear();
    attemptsByBody.clear();
    attemptTimes.clear();
    maxInFlight.set(0);
    throttled.set(0);
  }

  private void handle(HttpExchange ex) throws IOException {
    int now = inFlight.incrementAndGet();
    maxInFlight.accumulateAndGet(now, Math::max);
    try {
      byte[] in = ex.getRequestBody().readAllBytes();
      if (!latency.isZero()) {
        Thread.sleep(latency.toMillis());
      }
      String target = ex.getRequestHeaders().getFirst("X-Amz-Target");
      String type = ex.getRequestHeaders().getFirst("Content-Type");
      if (target == null
          || !target.startsWith(TARGET_PREFIX)
          || !"POST".equals(ex.getRequestMethod())
          || type == null
          || !type.startsWith("application/x-amz-json-1.1")) {
        respond(ex, 400, error("UnknownOperationException", "bad target " + target));
        return;
      }
      String op = target.substring(TARGET_PREFIX.length());
      calls.computeIfAbsent(op, k -> new AtomicInteger()).incrementAndGet();
      JsonNode body = JSON.readTree(in);
      String key = op + new String(in, StandardCharsets.UTF_8);
      int attempt = attemptsByBody.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
      List<Failure> failing = failures;
      if (!failing.isEmpty()) {
        attemptTimes
            .computeIfAbsent(key, k -> new ConcurrentLinkedQueue<>())
            .add(System.nanoTime());
      }
      if (attempt <= failing.size()) {
        throttled.incrementAndGet();
        Failure f = failing.get(attempt - 1);
        respond(ex, f.status(), error(f.type(), "Rate exceeded"));
        return;
      }
      if (recordBodies) {
        bodies.computeIfAbsent(op, k -> new ConcurrentLinkedQueue<>()).add(body);
      }
      FakeResponses.Reply reply = new FakeResponses(this, body).dispatch(op);
      respond(ex, reply.status(), reply.body());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      respond(ex, 500, error("ServerException", "interrupted"));
    } catch (RuntimeException e) {
      respond(ex, 500, error("ServerException", String.valueOf(e)));
    } finally {
      inFlight.decrementAndGet();
    }
  }

  String registryOf(JsonNode body) {
    JsonNode id = body.get("registryId");
    return id == null || id.isNull() ? defaultAccount : id.asText();
  }

  Map<String, List<Image>> registry(String id) {
    return registries.getOrDefault(id, Map.of());
  }

  int pageCap() {
    return pageCap;
  }

  static ObjectNode error(String type, String message) {
    return JSON.createObjectNode().put("__type", type).put("message", message);
  }

  private static void respond(HttpExchange ex, int status, ObjectNode body) throws IOException {
    byte[] out = JSON.writeValueAsBytes(body);
    ex.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
    ex.getResponseHeaders().set("x-amzn-RequestId", java.util.UUID.randomUUID().toString());
    ex.sendResponseHeaders(status, out.length);
    ex.getResponseBody().write(out);
    ex.close();
  }

  /** A stable {@code sha256:} digest for a seed. */
  public static String digest(String seed) {
    try {
      byte[] h = MessageDigest.getInstance("SHA-256").digest(seed.getBytes(StandardCharsets.UTF_8));
      return "sha256:" + HexFormat.of().formatHex(h);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static ArrayNode array() {
    return JSON.createArrayNode();
  }

  private static java.util.concurrent.ThreadFactory daemon() {
    return r -> {
      Thread t = new Thread(r, "fake-ecr");
      t.setDaemon(true);
      return t;
    };
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
