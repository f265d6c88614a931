package io.vulnsift.actions.slack;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A Slack fake on 127.0.0.1 that enforces Slack's posting limit the way Slack documents it: one
 * message per second per channel (an incoming webhook counts as one channel) with a burst of 3,
 * else 429, {@code Retry-After: 1} and {@code {"ok":false,"error":"ratelimited"}}. Time is {@link
 * Clock}: real time plus whatever the client under test slept, so pacing tests run in milliseconds
 * yet a client that does not wait is caught exactly as by real Slack.
 */
final class FakeSlack implements ResponseDefinitionTransformerV2 {

  /** Real elapsed time plus the client's sleeps, which are recorded instead of slept. */
  static final class Clock {
    private final AtomicLong slept = new AtomicLong();

    long nanos() {
      return System.nanoTime() + slept.get();
    }

    void sleep(Duration d) {
      slept.addAndGet(d.toNanos());
    }
  }

  final Clock clock = new Clock();
  final AtomicInteger rateLimited = new AtomicInteger();

  /** Posts still to answer with {@code ok:false} (e.g. to fail a digest once). */
  final AtomicInteger failNext = new AtomicInteger();

  /** Answer thread replies with {@code ok:false}. */
  volatile boolean failReplies;

  private final AtomicInteger ts = new AtomicInteger();
  private final PostingLimit limit = new PostingLimit(clock::nanos);
  final WireMockServer server;

  FakeSlack() {
    server =
        new WireMockServer(
            wireMockConfig().dynamicPort().bindAddress("127.0.0.1").extensions(this));
    server.start();
    server.stubFor(any(anyUrl()).willReturn(aResponse()));
  }

  String apiUrl() {
    return "http://127.0.0.1:" + server.port() + "/api";
  }

  String webhookUrl() {
    return "http://127.0.0.1:" + server.port() + "/services/T00000000/B00000000/XXXXXXXX";
  }

  @Override
  public String getName() {
    return "slack-rate-limit";
  }

  @Override
  public ResponseDefinition transform(ServeEvent event) {
    String url = event.getRequest().getUrl();
    boolean webhook = url.startsWith("/services/");
    String channel = webhook ? "webhook" : form(event.getRequest().getBodyAsString(), "channel");
    if (!limit.take(channel)) {
      rateLimited.incrementAndGet();
      return aResponse()
          .withStatus(429)
          .withHeader("Retry-After", "1")
          .withHeader("Content-Type", webhook ? "text/plain" : "application/json")
          .withBody(webhook ? "rate_limited" : "{\"ok\":false,\"error\":\"ratelimited\"}")
          .build();
    }
    if (webhook) {
      return aResponse().withHeader("Content-Type", "text/html").withBody("ok").build();
    }
    String body = event.getRequest().getBodyAsString();
    if (failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0
        || (failReplies && form(body, "thread_ts") != null)) {
      return json("{\"ok\":false,\"error\":\"channel_not_found\"}");
    }
    String stamp = String.format("1732622400.%06d", ts.incrementAndGet());
    return json(
        "{\"ok\":true,\"channel\":\""
            + channel
            + "\",\"ts\":\""
            + stamp
            + "\",\"message\":{\"type\":\"message\",\"text\":\"x\",\"ts\":\""
            + stamp
            + "\"}}");
  }

  private static ResponseDefinition json(String body) {
    return aResponse().withHeader("Content-Type", "application/json").withBody(body).build();
  }

  static String form(String body, String name) {
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0 && pair.substring(0, eq).equals(name)) {
        return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      }
    }
    return null;
  }
}
