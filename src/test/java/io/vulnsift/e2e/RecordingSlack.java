package io.vulnsift.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.vulnsift.actions.slack.PostingLimit;
import io.vulnsift.actions.slack.SlackContracts;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * A Slack workspace on 127.0.0.1 (WireMock) that keeps every message posted, with its message
 * metadata, in its channel — so {@code conversations.history} shows a later run what an earlier,
 * interrupted one posted, as Slack does. It enforces Slack's posting limit (one message per second
 * per channel, burst 3, else 429 with {@code Retry-After: 1}) in real time, and posts misbehave on
 * cue by arrival number ({@link #onPost}): rate limited, unavailable (nothing posted), or posted
 * and then answered too late, never, or only once the test lets go. The suite's verdict comes from
 * {@link #posts()}, not from vulnsift's report.
 */
final class RecordingSlack implements ResponseDefinitionTransformerV2, AutoCloseable {

  static final String BOT_TOKEN = "xoxb-e2e-slack-token";

  private static final ObjectMapper JSON = new ObjectMapper();

  /** What a {@code chat.postMessage} gets instead of a plain {@code ok}. */
  enum Misbehaviour {
    /** 429 with {@code Retry-After: 1}; nothing posted. */
    RATE_LIMITED,
    /** 503; nothing posted. */
    UNAVAILABLE,
    /** Posted, answered after the client's timeout. */
    SLOW,
    /** Posted, then the connection is reset before any response. */
    POSTED_THEN_RESET,
    /** Posted, answered only after {@link Blocker#release()}. */
    HANG,
    /** Held before anything happens; posted and answered after {@link Blocker#release()}. */
    HOLD_THEN_POST
  }

  /** One top-level message or reply as the channel holds it. */
  record Post(String channel, String ts, String threadTs, String fingerprint, String workflow) {}

  final WireMockServer server;
  final Blocker blocker = new Blocker();
  final AtomicInteger rateLimited = new AtomicInteger();
  private final Map<String, String> channelIds = new ConcurrentHashMap<>();
  private final Map<Integer, Misbehaviour> script = new ConcurrentHashMap<>();
  private final AtomicInteger postRequests = new AtomicInteger();
  private final AtomicInteger sequence = new AtomicInteger();
  private final List<Post> posts = new CopyOnWriteArrayList<>();
  private final PostingLimit limit = new PostingLimit(System::nanoTime);
  private volatile Duration slowness = Duration.ofSeconds(4);

  RecordingSlack() {
    server =
        new WireMockServer(
            wireMockConfig()
                .dynamicPort()
                .bindAddress("127.0.0.1")
                .containerThreads(40)
                .extensions(this));
    server.start();
    server.stubFor(any(anyUrl()).willReturn(aResponse()));
  }

  String apiUrl() {
    return "http://127.0.0.1:" + server.port() + "/api/";
  }

  /** A channel of the workspace; messages may name it by id or by {@code #name}. */
  RecordingSlack channel(String name, String id) {
    channelIds.put(id, id);
    channelIds.put("#" + name, id);
    channelIds.put(name, id);
    return this;
  }

  /** The {@code n}-th {@code chat.postMessage} (from 1, in arrival order) misbehaves. */
  RecordingSlack onPost(int n, Misbehaviour what) {
    script.put(n, what);
    return this;
  }

  RecordingSlack slowness(Duration d) {
    slowness = d;
    return this;
  }

  List<Post> posts() {
    return List.copyOf(posts);
  }

  /** Top-level alerts (not thread replies) per group fingerprint from their message metadata. */
  Map<String, Long> alertsPerFingerprint() {
    return posts.stream()
        .filter(p -> p.threadTs() == null)
        .collect(
            Collectors.groupingBy(
                p -> p.fingerprint() == null ? "<none>" : p.fingerprint(), Collectors.counting()));
  }

  /** {@code chat.postMessage} requests received, misbehaved ones included. */
  int postRequests() {
    return postRequests.get();
  }

  /** Every exchange checked against Slack's Web API specification. */
  void assertTrafficMatchesTheContract() {
    List<ServeEvent> events = server.getAllServeEvents();
    if (events.isEmpty()) {
      throw new AssertionError("Slack saw no traffic at all");
    }
    events.forEach(SlackContracts::assertValid);
  }

  @Override
  public String getName() {
    return "recording-slack";
  }

  @Override
  public ResponseDefinition transform(ServeEvent event) {
    String path = event.getRequest().getUrl().replaceFirst("\\?.*", "");
    Map<String, String> form = form(event.getRequest().getBodyAsString());
    return switch (path) {
      case "/api/chat.postMessage" -> post(form);
      case "/api/conversations.list" -> list();
      case "/api/conversations.history" -> history(form);
      default -> json(200, "{\"ok\":false,\"error\":\"unknown_method\"}").build();
    };
  }

  private ResponseDefinition post(Map<String, String> form) {
    Misbehaviour what = script.get(postRequests.incrementAndGet());
    String channel = channelIds.get(form.getOrDefault("channel", ""));
    if (channel == null) {
      return json(200, "{\"ok\":false,\"error\":\"channel_not_found\"}").build();
    }
    if (what == Misbehaviour.RATE_LIMITED || !limit.take(channel)) {
      rateLimited.incrementAndGet();
      return json(429, "{\"ok\":false,\"error\":\"ratelimited\"}")
          .withHeader("Retry-After", "1")
          .build();
    }
    if (what == Misbehaviour.UNAVAILABLE) {
      return aResponse().withStatus(503).withBody("upstream unavailable").build();
    }
    if (what == Misbehaviour.HOLD_THEN_POST) {
      blocker.block();
    }
    JsonNode payload = metadata(form.get("metadata")).path("event_payload");
    String ts =
        String.format("%d.%06d", Instant.now().getEpochSecond(), sequence.incrementAndGet());
    posts.add(
        new Post(
            channel,
            ts,
            form.get("thread_ts"),
            payload.path("fingerprint").asText(null),
            payload.path("workflow").asText(null)));
    ResponseDefinitionBuilder ok =
        json(
            200,
            JSON.createObjectNode()
                .put("ok", true)
                .put("channel", channel)
                .put("ts", ts)
                .set(
                    "message",
                    JSON.createObjectNode()
                        .put("type", "message")
                        .put("text", form.getOrDefault("text", ""))
                        .put("ts", ts))
                .toString());
    if (what == null) {
      return ok.build();
    }
    return switch (what) {
      case SLOW -> ok.withFixedDelay((int) slowness.toMillis()).build();
      case POSTED_THEN_RESET -> aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER).build();
      case HANG -> {
        blocker.block();
        yield ok.build();
      }
      case HOLD_THEN_POST -> ok.build();
      default -> throw new IllegalStateException(what.name());
    };
  }

  private ResponseDefinition list() {
    ObjectNode out = JSON.createObjectNode().put("ok", true);
    ArrayNode channels = out.putArray("channels");
    Map<String, String> names = new LinkedHashMap<>();
    channelIds.forEach(
        (name, id) -> {
          if (!name.equals(id) && !name.startsWith("#")) {
            names.put(id, name);
          }
        });
    names.forEach(
        (id, name) ->
            channels
                .addObject()
                .put("id", id)
                .put("name", name)
                .put("is_channel", true)
                .put("is_private", false)
                .put("is_archived", false)
                .put("is_member", true)
                .put("created", 1_700_000_000));
    out.putObject("response_metadata").put("next_cursor", "");
    return json(200, out.toString()).build();
  }

  /** The channel's messages, newest first, paged by {@code limit} and {@code cursor}. */
  private ResponseDefinition history(Map<String, String> form) {
    String channel = channelIds.get(form.getOrDefault("channel", ""));
    if (channel == null || !channel.equals(form.get("channel"))) {
      // Like Slack: history takes a channel id, never a name.
      return json(200, "{\"ok\":false,\"error\":\"channel_not_found\"}").build();
    }
    boolean metadata =
        "1".equals(form.get("include_all_metadata"))
            || "true".equals(form.get("include_all_metadata"));
    List<Post> newestFirst = new ArrayList<>();
    for (Post p : posts) {
      if (p.channel().equals(channel) && p.threadTs() == null) {
        newestFirst.add(0, p);
      }
    }
    int from =
        form.containsKey("cursor") && !form.get("cursor").isEmpty()
            ? Integer.parseInt(form.get("cursor"))
            : 0;
    int limit = Integer.parseInt(form.getOrDefault("limit", "100"));
    int to = Math.min(newestFirst.size(), from + limit);
    ObjectNode out = JSON.createObjectNode().put("ok", true);
    ArrayNode messages = out.putArray("messages");
    for (Post p : newestFirst.subList(Math.min(from, to), to)) {
      ObjectNode m =
          messages.addObject().put("type", "message").put("text", "alert").put("ts", p.ts());
      if (metadata && p.fingerprint() != null) {
        ObjectNode md = m.putObject("metadata").put("event_type", "vulnsift_alert");
        md.putObject("event_payload")
            .put("fingerprint", p.fingerprint())
            .put("workflow", p.workflow());
      }
    }
    out.put("has_more", to < newestFirst.size());
    out.put("pin_count", 0);
    out.putNull("channel_actions_ts");
    out.put("channel_actions_count", 0);
    out.putObject("response_metadata")
        .put("next_cursor", to < newestFirst.size() ? String.valueOf(to) : "");
    return json(200, out.toString()).build();
  }

  private static JsonNode metadata(String value) {
    try {
      return value == null ? JSON.createObjectNode() : JSON.readTree(value);
    } catch (IOException e) {
      return JSON.createObjectNode();
    }
  }

  private static ResponseDefinitionBuilder json(int status, String body) {
    return aResponse()
        .withStatus(status)
        .withHeader("Content-Type", "application/json")
        .withBody(body);
  }

  static Map<String, String> form(String body) {
    Map<String, String> out = new HashMap<>();
    if (body == null) {
      return out;
    }
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        out.put(
            URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return out;
  }

  @Override
  public void close() {
    blocker.release();
    server.stop();
  }
}
