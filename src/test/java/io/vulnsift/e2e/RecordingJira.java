package io.vulnsift.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.vulnsift.actions.jira.JiraContracts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A Jira Cloud site on 127.0.0.1 (WireMock) that keeps what it is told: it creates issues, stores
 * issue properties, and answers the JQL label search and the property fetch from what it created —
 * so a run after a crash meets the issue an earlier run created, as with the real Jira. Create
 * requests misbehave on cue, by their arrival number ({@link #onCreate}): rate limited or
 * unavailable (nothing created), or created and then answered too late, never ({@link
 * Misbehaviour#CREATED_THEN_RESET}), or only once the test lets go ({@link Misbehaviour#HANG}). The
 * suite's verdict comes from {@link #issues()}, not from vulnsift's report.
 */
final class RecordingJira implements ResponseDefinitionTransformerV2, AutoCloseable {

  static final String EMAIL = "bot@example.com";
  static final String API_TOKEN = "e2e-jira-token";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern LABEL = Pattern.compile("labels = \"([^\"]+)\"");
  private static final Pattern PROPERTY =
      Pattern.compile("/rest/api/3/issue/([^/]+)/properties/([^/?]+)");

  /** What a create request gets instead of a plain 201. */
  enum Misbehaviour {
    /** 429 with {@code Retry-After: 1}; nothing created. */
    RATE_LIMITED,
    /** 503; nothing created. */
    UNAVAILABLE,
    /** Created, answered after the client's timeout. */
    SLOW,
    /** Created, then the connection is reset before any response. */
    CREATED_THEN_RESET,
    /** Created, answered only after {@link Blocker#release()}. */
    HANG
  }

  /** One issue as Jira holds it. */
  record Issue(String key, List<String> labels, String summary) {
    /** The group fingerprint from the {@code vulnsift-<fingerprint>} label. */
    Optional<String> fingerprint() {
      return labels.stream()
          .filter(l -> l.startsWith("vulnsift-"))
          .map(l -> l.substring("vulnsift-".length()))
          .findFirst();
    }
  }

  final WireMockServer server;
  final Blocker blocker = new Blocker();
  private final Map<Integer, Misbehaviour> script = new ConcurrentHashMap<>();
  private final AtomicInteger creates = new AtomicInteger();
  private final List<Issue> issues = new CopyOnWriteArrayList<>();
  private final Map<String, JsonNode> properties = new ConcurrentHashMap<>();
  private volatile Duration slowness = Duration.ofSeconds(4);
  private volatile int slowUpTo;
  private volatile Duration workTime = Duration.ZERO;

  RecordingJira() {
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

  String url() {
    return "http://127.0.0.1:" + server.port();
  }

  /** The {@code n}-th create request (from 1, in arrival order) misbehaves. */
  RecordingJira onCreate(int n, Misbehaviour what) {
    script.put(n, what);
    return this;
  }

  /** How late a {@link Misbehaviour#SLOW} answer comes. */
  RecordingJira slowness(Duration d) {
    slowness = d;
    return this;
  }

  /**
   * The first {@code creates} create requests each take {@code time} to answer (well within the
   * client's timeout): a run that has been busy for a while before it reaches its next delivery.
   */
  RecordingJira busyFor(int creates, Duration time) {
    slowUpTo = creates;
    workTime = time;
    return this;
  }

  /** Every issue created, in creation order. */
  List<Issue> issues() {
    return List.copyOf(issues);
  }

  /** Issues per group fingerprint. */
  Map<String, Long> issuesPerFingerprint() {
    return issues.stream()
        .collect(
            Collectors.groupingBy(i -> i.fingerprint().orElse("<none>"), Collectors.counting()));
  }

  /** Create requests received, misbehaved ones included. */
  int createRequests() {
    return creates.get();
  }

  /** Every exchange checked against Atlassian's Jira Cloud OpenAPI specification. */
  void assertTrafficMatchesTheContract() {
    JiraContracts.assertValid(JiraContracts.cloud(), server.getAllServeEvents());
  }

  @Override
  public String getName() {
    return "recording-jira";
  }

  @Override
  public ResponseDefinition transform(ServeEvent event) {
    var request = event.getRequest();
    String path = request.getUrl().replaceFirst("\\?.*", "");
    String method = request.getMethod().getName();
    if (method.equals("POST") && path.equals("/rest/api/3/issue")) {
      return create(request.getBodyAsString());
    }
    if (path.equals("/rest/api/3/search/jql") && method.equals("GET")) {
      return search(request.queryParameter("jql").firstValue());
    }
    Matcher property = PROPERTY.matcher(path);
    if (property.matches()) {
      String id = property.group(1) + "/" + property.group(2);
      if (method.equals("PUT")) {
        properties.put(id, read(request.getBodyAsString()));
        return json(200, "{}").build();
      }
      JsonNode value = properties.get(id);
      if (value == null) {
        return json(404, "{\"errorMessages\":[\"The property was not found.\"],\"errors\":{}}")
            .build();
      }
      ObjectNode out = JSON.createObjectNode().put("key", property.group(2));
      out.set("value", value);
      return json(200, out.toString()).build();
    }
    return json(404, "{\"errorMessages\":[\"not faked: " + method + " " + path + "\"]}").build();
  }

  private ResponseDefinition create(String body) {
    int n = creates.incrementAndGet();
    Misbehaviour what = script.get(n);
    if (what == Misbehaviour.RATE_LIMITED) {
      return json(429, "{\"errorMessages\":[\"Rate limit exceeded.\"]}")
          .withHeader("Retry-After", "1")
          .build();
    }
    if (what == Misbehaviour.UNAVAILABLE) {
      return aResponse().withStatus(503).withBody("<html>Service Unavailable</html>").build();
    }
    JsonNode fields = read(body).path("fields");
    List<String> labels = new ArrayList<>();
    fields.path("labels").forEach(l -> labels.add(l.asText()));
    String key;
    synchronized (issues) {
      key = "SEC-" + (issues.size() + 1);
      issues.add(new Issue(key, List.copyOf(labels), fields.path("summary").asText()));
    }
    String id = String.valueOf(10_000 + Integer.parseInt(key.substring(4)));
    ResponseDefinitionBuilder created =
        json(
            201,
            JSON.createObjectNode()
                .put("id", id)
                .put("key", key)
                .put("self", url() + "/rest/api/3/issue/" + id)
                .toString());
    if (what == null) {
      return n <= slowUpTo
          ? created.withFixedDelay((int) workTime.toMillis()).build()
          : created.build();
    }
    return switch (what) {
      case SLOW -> created.withFixedDelay((int) slowness.toMillis()).build();
      case CREATED_THEN_RESET -> aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER).build();
      case HANG -> {
        blocker.block();
        yield created.build();
      }
      default -> throw new IllegalStateException(what.name());
    };
  }

  /** Open issues carrying the label the JQL asks for, oldest first (what vulnsift searches). */
  private ResponseDefinition search(String jql) {
    Matcher m = LABEL.matcher(URLDecoder.decode(jql, StandardCharsets.UTF_8));
    String label = m.find() ? m.group(1) : "";
    ObjectNode out = JSON.createObjectNode();
    var found = out.putArray("issues");
    for (Issue issue : issues) {
      if (issue.labels().contains(label)) {
        String id = String.valueOf(10_000 + Integer.parseInt(issue.key().substring(4)));
        found.addObject().put("id", id).put("key", issue.key());
      }
    }
    out.put("isLast", true);
    return json(200, out.toString()).build();
  }

  private static ResponseDefinitionBuilder json(int status, String body) {
    return aResponse()
        .withStatus(status)
        .withHeader("Content-Type", "application/json")
        .withBody(body);
  }

  private static JsonNode read(String body) {
    try {
      return JSON.readTree(body == null || body.isBlank() ? "{}" : body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    blocker.release();
    server.stop();
  }
}
