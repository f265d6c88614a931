package io.vulnsift.shards.sqs;

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
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local fake of Amazon SQS's JSON protocol (awsJson1_0, what SDK 2.58 speaks to SQS) on
 * 127.0.0.1, for the real SDK client: {@code POST /} with {@code X-Amz-Target:
 * AmazonSQS.<Operation>}, errors as HTTP 400 with {@code __type}. It implements {@code
 * SendMessageBatch} as the API reference describes it — at most 10 entries with distinct ids, an
 * {@code MD5OfMessageBody} per accepted entry (the SDK checks it), and per-entry failures for a
 * partly failed batch — and keeps the accepted bodies and every request's headers.
 */
public final class FakeSqs implements AutoCloseable {
  static final String TARGET_PREFIX = "AmazonSQS.";
  static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final List<String> accepted = new ArrayList<>();
  private final List<Map<String, String>> headers = new ArrayList<>();
  private final List<JsonNode> requests = new ArrayList<>();
  private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
  private volatile int failFirst;
  private volatile boolean senderFault;

  public FakeSqs() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/", this::handle);
    server.start();
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** Each distinct message body fails (service side, retryable) on its first {@code n} sends. */
  FakeSqs failFirstSends(int n) {
    failFirst = n;
    return this;
  }

  /** Every entry fails as the sender's fault (e.g. a body SQS does not accept). */
  FakeSqs rejectAsSenderFault() {
    senderFault = true;
    return this;
  }

  /** The bodies of the messages the queue took, in order. */
  public synchronized List<String> accepted() {
    return List.copyOf(accepted);
  }

  synchronized List<JsonNode> requests() {
    return List.copyOf(requests);
  }

  synchronized List<Map<String, String>> headers() {
    return List.copyOf(headers);
  }

  private synchronized void handle(HttpExchange ex) throws IOException {
    byte[] in = ex.getRequestBody().readAllBytes();
    headers.add(
        Map.of(
            "target", String.valueOf(ex.getRequestHeaders().getFirst("X-Amz-Target")),
            "contentType", String.valueOf(ex.getRequestHeaders().getFirst("Content-Type")),
            "method", ex.getRequestMethod(),
            "path", ex.getRequestURI().getPath()));
    String target = ex.getRequestHeaders().getFirst("X-Amz-Target");
    String type = ex.getRequestHeaders().getFirst("Content-Type");
    if (target == null
        || !target.equals(TARGET_PREFIX + "SendMessageBatch")
        || type == null
        || !type.startsWith("application/x-amz-json-1.0")) {
      respond(ex, 400, error("UnsupportedOperation", "not supported: " + target + " " + type));
      return;
    }
    JsonNode body = JSON.readTree(in);
    requests.add(body);
    JsonNode entries = body.path("Entries");
    if (!body.path("QueueUrl").isTextual() || !entries.isArray() || entries.isEmpty()) {
      respond(ex, 400, error("AWS.SimpleQueueService.EmptyBatchRequest", "no entries"));
      return;
    }
    if (entries.size() > 10) {
      respond(
          ex,
          400,
          error("AWS.SimpleQueueService.TooManyEntriesInBatchRequest", "at most 10 entries"));
      return;
    }
    ObjectNode out = JSON.createObjectNode();
    ArrayNode ok = out.putArray("Successful");
    ArrayNode failed = out.putArray("Failed");
    for (JsonNode e : entries) {
      String id = e.path("Id").asText();
      String text = e.path("MessageBody").asText();
      int attempt = attempts.computeIfAbsent(text, k -> new AtomicInteger()).incrementAndGet();
      if (senderFault) {
        failed
            .addObject()
            .put("Id", id)
            .put("SenderFault", true)
            .put("Code", "InvalidMessageContents")
            .put("Message", "rejected");
      } else if (attempt <= failFirst) {
        failed
            .addObject()
            .put("Id", id)
            .put("SenderFault", false)
            .put("Code", "InternalError")
            .put("Message", "try again");
      } else {
        accepted.add(text);
        ok.addObject()
            .put("Id", id)
            .put("MessageId", UUID.randomUUID().toString())
            .put("MD5OfMessageBody", md5(text));
      }
    }
    respond(ex, 200, out);
  }

  private static ObjectNode error(String type, String message) {
    return JSON.createObjectNode().put("__type", type).put("message", message);
  }

  private static String md5(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void respond(HttpExchange ex, int status, ObjectNode body) throws IOException {
    byte[] out = JSON.writeValueAsBytes(body);
    ex.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.0");
    ex.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
    ex.sendResponseHeaders(status, out.length);
    ex.getResponseBody().write(out);
    ex.close();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
