package io.vulnsift.actions.jira;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vulnsift.actions.http.RetryPolicy;
import io.vulnsift.engine.DeliveryException;
import io.vulnsift.engine.report.RequestCounts;
import io.vulnsift.secrets.Lazy;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Creates Jira issues over REST with the JDK {@link HttpClient} and Jackson. Not JRJC: it is not on
 * Maven Central, is built around REST v2 (no ADF) and relies on search endpoints Jira Cloud has
 * removed; two plain calls do not need a client library.
 *
 * <p>Create is {@code POST /rest/api/{v}/issue}; then the fingerprint is stored as the issue
 * property {@code vulnsift.fingerprint}, so the issue of a group can be found exactly (the
 * fingerprint label is the fallback; JQL search is only eventually consistent). Error messages name
 * settings, never their values.
 */
public final class JiraClient {

  public static final String PROPERTY = "vulnsift.fingerprint";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** How long one request may take by default ({@code VULNSIFT_JIRA_TIMEOUT}). */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
  private static final System.Logger LOG = System.getLogger(JiraClient.class.getName());

  private final JiraSettings settings;
  private final RetryPolicy retry;
  private final Duration timeout;
  private final Lazy<HttpClient> http;
  private final ExistingIssues existing;
  private final RequestCounts requests;

  /**
   * @param requests counts every HTTP request sent, retries included, for the run report
   * @param timeout how long one request may take, connecting included
   */
  public JiraClient(
      JiraSettings settings, RetryPolicy retry, RequestCounts requests, Duration timeout) {
    this.settings = settings;
    this.retry = retry;
    this.requests = requests;
    this.timeout = timeout;
    // Built on first use: building one initializes TLS (providers, trust store), about a quarter of
    // a second on a cold JVM that a run without Jira — local, dry, or with nothing new — never
    // needs (docs/benchmarks.md).
    Duration connect = timeout.compareTo(CONNECT_TIMEOUT) < 0 ? timeout : CONNECT_TIMEOUT;
    this.http = new Lazy<>(() -> HttpClient.newBuilder().connectTimeout(connect).build());
    this.existing = new ExistingIssues(this, settings);
  }

  /**
   * Creates the issue and tags it with the fingerprint property, unless an open issue of this group
   * and workflow exists already (see {@link ExistingIssues}); that one is returned instead.
   *
   * @return {@code jiraKey}, {@code jiraUrl} ({@code <url>/browse/<key>})
   */
  public Map<String, String> create(JsonNode issue, String fingerprint, String workflow) {
    String project = issue.at("/fields/project/key").asText();
    Optional<String> found = existing.find(project, fingerprint, workflow);
    if (found.isPresent()) {
      LOG.log(Level.INFO, "Jira issue {0} already exists for group {1}", found.get(), fingerprint);
      return result(found.get());
    }
    HttpResponse<String> created = send("POST", api() + "/issue", issue.toString(), false);
    String key = parse(created.body()).path("key").asText("");
    if (key.isEmpty()) {
      throw new DeliveryException(
          "Jira answered HTTP " + created.statusCode() + " without an issue key");
    }
    String property =
        JSON.createObjectNode()
            .put("fingerprint", fingerprint)
            .put("workflow", workflow)
            .toString();
    try {
      send("PUT", propertyUrl(key), property, true);
    } catch (DeliveryException e) {
      // The issue exists and carries the fingerprint label: failing here would make the next run
      // create a duplicate, which is worse than a missing property.
      LOG.log(Level.WARNING, "Jira issue {0} created, property not set: {1}", key, e.getMessage());
    }
    return result(key);
  }

  /** GET with retries, the answer parsed. */
  JsonNode getJson(String url) {
    return parse(send("GET", url, null, true).body());
  }

  String api() {
    return settings.baseUrl() + "/rest/api/" + settings.flavour().apiVersion();
  }

  String propertyUrl(String key) {
    return api()
        + "/issue/"
        + URLEncoder.encode(key, StandardCharsets.UTF_8)
        + "/properties/"
        + PROPERTY;
  }

  private Map<String, String> result(String key) {
    return Map.of("jiraKey", key, "jiraUrl", settings.baseUrl() + "/browse/" + key);
  }

  /**
   * Sends ({@code body} {@code null}: none) with bounded retries on 429/5xx. A create is not
   * retried after an I/O error: the issue may exist already, and the engine's claim decides what
   * happens next run.
   */
  HttpResponse<String> send(String method, String url, String body, boolean idempotent) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(timeout)
            .header("Authorization", settings.authorization())
            .header("Accept", "application/json")
            .header("User-Agent", "vulnsift");
    if (body == null) {
      builder.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      builder
          .header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    }
    HttpRequest request = builder.build();
    String path = request.uri().getPath();
    String what = method + " " + path;
    String operation = operation(method, path);
    for (int attempt = 1; ; attempt++) {
      HttpResponse<String> response;
      requests.add(operation);
      try {
        response =
            http.get().send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      } catch (IOException e) {
        if (!idempotent
            || attempt >= retry.maxAttempts()
            || !retry.pause(Instant.now(), retry.baseDelay(), timeout)) {
          throw new DeliveryException("Jira " + what + " failed: " + e, e);
        }
        continue;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new DeliveryException("Jira " + what + " interrupted", e);
      }
      int status = response.statusCode();
      if (status / 100 == 2) {
        return response;
      }
      if (RetryPolicy.retryable(status)) {
        Instant now = Instant.now();
        Optional<Duration> delay =
            retry.delayAfter(attempt, response.headers().firstValue("Retry-After"), now);
        // Another attempt must end within the delivery's claim, or the run that takes the claim
        // over could create the issue this attempt is still creating (RetryPolicy#pause).
        if (delay.isPresent() && retry.pause(now, delay.get(), timeout)) {
          continue;
        }
      }
      throw JiraErrors.of(what, response, settings);
    }
  }

  /**
   * A request's name in the report's counts: the method and the path below {@code /rest/api/<n>},
   * the issue key replaced by {@code {key}} so that requests of one kind add up ({@code PUT
   * /issue/{key}/properties/vulnsift.fingerprint}).
   */
  static String operation(String method, String path) {
    int api = path.indexOf("/rest/api/");
    String rest = path;
    if (api >= 0) {
      String versioned = path.substring(api + "/rest/api/".length());
      int slash = versioned.indexOf('/');
      rest = slash < 0 ? "/" : versioned.substring(slash);
    }
    return method + " " + rest.replaceFirst("^/issue/[^/]+", "/issue/{key}");
  }

  static JsonNode parse(String body) {
    try {
      return JSON.readTree(body == null || body.isBlank() ? "{}" : body);
    } catch (IOException e) {
      throw new DeliveryException("Jira answered with invalid JSON", e);
    }
  }
}
