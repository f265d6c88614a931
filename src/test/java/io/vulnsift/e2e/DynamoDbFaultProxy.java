package io.vulnsift.e2e;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback HTTP proxy in front of DynamoDB Local that answers some requests the way DynamoDB does
 * under load — HTTP 400 {@code ProvisionedThroughputExceededException}, HTTP 500 {@code
 * InternalServerError} — without forwarding them, and forwards the rest byte for byte (the SDK
 * checks the {@code x-amz-crc32} of what it gets). Faults are deterministic: requests are numbered
 * by first arrival of their exact body, and the first attempt of every distinct request whose
 * number the {@link #pattern} marks fails; a retry of the same body goes through. Clients reach it
 * through {@code AWS_ENDPOINT_URL_DYNAMODB}, like any DynamoDB endpoint.
 */
final class DynamoDbFaultProxy implements AutoCloseable {

  /** What the proxy does with the first attempt of a distinct request. */
  enum Fault {
    NONE,
    THROTTLE,
    SERVER_ERROR
  }

  private static final String PREFIX = "com.amazonaws.dynamodb.v20120810#";
  private static final Set<String> HOP_BY_HOP =
      Set.of("host", "content-length", "connection", "transfer-encoding", "expect", "upgrade");

  private final URI target;
  private final HttpServer server;
  private final ExecutorService threads = Executors.newCachedThreadPool(daemon());
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
  private final AtomicInteger distinct = new AtomicInteger();
  private final AtomicInteger throttled = new AtomicInteger();
  private final AtomicInteger serverErrors = new AtomicInteger();
  private final AtomicInteger forwarded = new AtomicInteger();
  private volatile List<Fault> pattern = List.of(Fault.NONE);

  DynamoDbFaultProxy(URI target) {
    this.target = target;
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/", this::handle);
    server.setExecutor(threads);
    server.start();
  }

  URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /**
   * Distinct request {@code n} (from 0, in order of first arrival) gets {@code pattern[n % size]}
   * on its first attempt.
   */
  DynamoDbFaultProxy pattern(Fault... faults) {
    pattern = List.of(faults);
    return this;
  }

  int throttled() {
    return throttled.get();
  }

  int serverErrors() {
    return serverErrors.get();
  }

  int forwarded() {
    return forwarded.get();
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      byte[] body = ex.getRequestBody().readAllBytes();
      String operation = String.valueOf(ex.getRequestHeaders().getFirst("X-Amz-Target"));
      String key = operation + "\n" + new String(body, StandardCharsets.UTF_8);
      AtomicInteger seen = attempts.computeIfAbsent(key, k -> new AtomicInteger());
      int attempt = seen.incrementAndGet();
      Fault fault = Fault.NONE;
      if (attempt == 1) {
        List<Fault> p = pattern;
        fault = p.get(distinct.getAndIncrement() % p.size());
      }
      switch (fault) {
        case THROTTLE -> {
          throttled.incrementAndGet();
          error(
              ex,
              400,
              "ProvisionedThroughputExceededException",
              "The level of configured provisioned throughput for the table was exceeded."
                  + " Consider increasing your provisioning level with the UpdateTable API.");
        }
        case SERVER_ERROR -> {
          serverErrors.incrementAndGet();
          error(ex, 500, "InternalServerError", "Internal server error");
        }
        case NONE -> forward(ex, body);
      }
    }
  }

  private void forward(HttpExchange ex, byte[] body) throws IOException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(target.resolve(ex.getRequestURI()))
            .method(ex.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
    ex.getRequestHeaders()
        .forEach(
            (name, values) -> {
              if (!HOP_BY_HOP.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                values.forEach(v -> request.header(name, v));
              }
            });
    HttpResponse<byte[]> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    forwarded.incrementAndGet();
    response
        .headers()
        .map()
        .forEach(
            (name, values) -> {
              if (!HOP_BY_HOP.contains(name.toLowerCase(java.util.Locale.ROOT))
                  && !name.startsWith(":")) {
                ex.getResponseHeaders().put(name, values);
              }
            });
    byte[] out = response.body();
    ex.sendResponseHeaders(response.statusCode(), out.length == 0 ? -1 : out.length);
    if (out.length > 0) {
      ex.getResponseBody().write(out);
    }
  }

  private static void error(HttpExchange ex, int status, String type, String message)
      throws IOException {
    byte[] out =
        ("{\"__type\":\"" + PREFIX + type + "\",\"message\":\"" + message + "\"}")
            .getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.0");
    ex.getResponseHeaders().set("x-amzn-RequestId", java.util.UUID.randomUUID().toString());
    ex.sendResponseHeaders(status, out.length);
    ex.getResponseBody().write(out);
  }

  private static java.util.concurrent.ThreadFactory daemon() {
    return r -> {
      Thread t = new Thread(r, "dynamodb-fault-proxy");
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
