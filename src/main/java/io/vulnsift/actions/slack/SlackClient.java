package io.vulnsift.actions.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.slack.api.Slack;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import com.slack.api.methods.request.chat.ChatPostMessageRequest;
import com.slack.api.methods.request.chat.ChatUpdateRequest;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import com.slack.api.methods.response.chat.ChatUpdateResponse;
import com.slack.api.methods.response.conversations.ConversationsHistoryResponse;
import com.slack.api.methods.response.conversations.ConversationsListResponse;
import com.slack.api.model.ConversationType;
import com.slack.api.util.http.SlackHttpClient;
import com.slack.api.webhook.WebhookResponse;
import io.vulnsift.actions.http.RetryPolicy;
import io.vulnsift.engine.DeliveryException;
import io.vulnsift.engine.report.RequestCounts;
import io.vulnsift.secrets.Redaction;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import okhttp3.OkHttpClient;

/**
 * Sends Slack messages with the official SDK ({@code chat.postMessage}, also for thread replies,
 * and {@code chat.update} with the bot token, or an incoming webhook). The two report errors
 * differently: the Web API answers 200 with {@code ok:false}, a webhook answers an HTTP status with
 * a plain-text code. Both answer 429 with {@code Retry-After}, honoured within {@link RetryPolicy}.
 * Neither the token nor a webhook URL (which is a credential itself) ever appears in an error.
 */
public final class SlackClient {

  /** How long reading or writing a request may stall by default (the SDK's own default). */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  private final SlackSettings settings;
  private final RetryPolicy retry;
  private final Slack slack;
  private final ChannelPacer pacer;
  private final RequestCounts requests;
  private final PostedAlerts posted;
  private final Duration timeout;

  /**
   * @param requests counts every HTTP request sent, retries included, for the run report
   * @param timeout how long reading or writing one request may stall
   */
  public SlackClient(
      SlackSettings settings, RetryPolicy retry, RequestCounts requests, Duration timeout) {
    this.requests = requests;
    this.settings = settings;
    this.retry = retry;
    this.timeout = timeout;
    com.slack.api.SlackConfig config = new com.slack.api.SlackConfig();
    config.setMethodsEndpointUrlPrefix(settings.apiUrl());
    config.setPrettyResponseLoggingEnabled(false);
    // Stats make the SDK call auth.test behind our back (extra request, extra token use).
    config.setStatsEnabled(false);
    // The SDK's default listener logs every request at DEBUG, a webhook's secret URL included.
    config.setHttpClientResponseHandlers(new ArrayList<>());
    int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
    config.setHttpClientReadTimeoutMillis(millis);
    config.setHttpClientWriteTimeoutMillis(millis);
    // OkHttp silently sends a request again when the connection fails after it was sent — for
    // chat.postMessage, which has no idempotency key, a second alert. A failed attempt is the
    // engine's to retry instead: it looks for the message first (PostedAlerts).
    OkHttpClient http =
        SlackHttpClient.buildOkHttpClient(config)
            .newBuilder()
            .retryOnConnectionFailure(false)
            .build();
    this.slack = Slack.getInstance(config, new SlackHttpClient(http));
    this.pacer = new ChannelPacer(Duration.ofSeconds(1), retry.sleeper());
    this.posted = new PostedAlerts(this::channels, this::history);
  }

  /**
   * The alert of a group that an earlier, unconfirmed attempt already posted to {@code channel}
   * (see {@link PostedAlerts}): {@code slackChannel}, {@code slackTs}; empty when there is none or
   * the search failed.
   */
  public Optional<Map<String, String>> findPosted(
      String channel, String fingerprint, String workflow) {
    return posted.find(channel, fingerprint, workflow);
  }

  private ConversationsListResponse channels(String cursor) {
    return call(
        "conversations.list",
        () ->
            slack
                .methods()
                .conversationsList(
                    r ->
                        r.token(settings.botToken())
                            .types(
                                List.of(
                                    ConversationType.PUBLIC_CHANNEL,
                                    ConversationType.PRIVATE_CHANNEL))
                            .excludeArchived(true)
                            .limit(PostedAlerts.LIST_PAGE)
                            .cursor(cursor)));
  }

  private ConversationsHistoryResponse history(String channelId, String cursor) {
    return call(
        "conversations.history",
        () ->
            slack
                .methods()
                .conversationsHistory(
                    r ->
                        r.token(settings.botToken())
                            .channel(channelId)
                            .includeAllMetadata(true)
                            .limit(PostedAlerts.HISTORY_PAGE)
                            .cursor(cursor)));
  }

  /** Posts the planned body, paced per channel; returns {@code slackChannel}, {@code slackTs}. */
  public Map<String, String> post(JsonNode body) {
    return pacer.paced(body.path("channel").asText(), () -> postNow(body));
  }

  /** Sends the payload to an incoming webhook; returns {@code slackWebhook: ok}. */
  public Map<String, String> send(String webhookUrl, JsonNode payload) {
    return pacer.paced(webhookUrl, () -> sendNow(webhookUrl, payload));
  }

  /**
   * Edits a message ({@code chat.update}: {@code channel}, {@code ts}, {@code text}, {@code
   * blocks}), paced with the posts to its channel.
   */
  public Map<String, String> update(JsonNode body) {
    String channel = body.path("channel").asText();
    ChatUpdateRequest request =
        ChatUpdateRequest.builder()
            .token(settings.botToken())
            .channel(channel)
            .ts(body.path("ts").asText())
            .text(body.path("text").asText())
            .blocksAsString(body.path("blocks").toString())
            .build();
    ChatUpdateResponse response =
        pacer.paced(channel, () -> call("chat.update", () -> slack.methods().chatUpdate(request)));
    return Map.of("slackChannel", channel, "slackTs", Objects.toString(response.getTs(), ""));
  }

  /** A top-level message, or a thread reply when the body has {@code thread_ts}. */
  private Map<String, String> postNow(JsonNode body) {
    ChatPostMessageRequest request =
        ChatPostMessageRequest.builder()
            .token(settings.botToken())
            .channel(body.path("channel").asText())
            .threadTs(body.hasNonNull("thread_ts") ? body.get("thread_ts").asText() : null)
            .text(body.path("text").asText())
            .blocksAsString(body.path("blocks").toString())
            .unfurlLinks(body.path("unfurl_links").asBoolean(false))
            .unfurlMedia(body.path("unfurl_media").asBoolean(false))
            .metadataAsString(body.has("metadata") ? body.get("metadata").toString() : null)
            .build();
    ChatPostMessageResponse response =
        call("chat.postMessage", () -> slack.methods().chatPostMessage(request));
    if (response.getTs() == null) {
      throw new DeliveryException("Slack chat.postMessage answered ok without a ts");
    }
    String channel = response.getChannel() != null ? response.getChannel() : request.getChannel();
    return Map.of("slackChannel", channel, "slackTs", response.getTs());
  }

  /** One Web API call of the SDK. */
  @FunctionalInterface
  private interface ApiCall<T> {
    T call() throws IOException, SlackApiException;
  }

  /**
   * Calls with the retry budget for 429/5xx; {@code ok:false} is a {@link SlackApiError} carrying
   * Slack's error code. An I/O error is not retried: the message may have been posted, and the
   * engine's claim decides what happens next run.
   */
  private <T extends SlackApiTextResponse> T call(String method, ApiCall<T> call) {
    for (int attempt = 1; ; attempt++) {
      requests.add(method);
      try {
        T response = call.call();
        if (!response.isOk()) {
          throw new SlackApiError(method, redact(response.getError()));
        }
        return response;
      } catch (SlackApiException e) {
        int status = e.getResponse().code();
        if (!retryAfter(
            attempt, status, Optional.ofNullable(e.getResponse().header("Retry-After")))) {
          String error = e.getError() == null ? "" : ": " + redact(e.getError().getError());
          throw new DeliveryException("Slack " + method + " failed with HTTP " + status + error);
        }
      } catch (IOException e) {
        throw new DeliveryException(
            "Slack " + method + " failed: " + e.getClass().getSimpleName(), e);
      }
    }
  }

  private Map<String, String> sendNow(String webhookUrl, JsonNode payload) {
    for (int attempt = 1; ; attempt++) {
      WebhookResponse response;
      requests.add("webhook");
      try {
        response = slack.send(webhookUrl, payload.toString());
      } catch (IOException e) {
        throw new DeliveryException("Slack webhook failed: " + e.getClass().getSimpleName(), e);
      }
      int code = response.getCode() == null ? 0 : response.getCode();
      String body = response.getBody() == null ? "" : response.getBody().trim();
      if (code == 200 && "ok".equals(body)) {
        return Map.of("slackWebhook", "ok");
      }
      if (!retryAfter(attempt, code, header(response, "Retry-After"))) {
        // The URL is the webhook's credential; an echoing server must not put it in the error.
        String clean = Redaction.redact(body, webhookForms(webhookUrl));
        String excerpt = clean.length() > 200 ? clean.substring(0, 200) + "…" : clean;
        throw new DeliveryException("Slack webhook failed with HTTP " + code + ": " + excerpt);
      }
    }
  }

  /** Slack's answer without the bot token, should a server echo the request into it. */
  private String redact(String answer) {
    try {
      return Redaction.redact(answer, List.of(Objects.toString(settings.botToken(), "")));
    } catch (RuntimeException unavailable) {
      return answer; // no token was read, so none was sent
    }
  }

  /** A webhook URL, its path and its last segment (the secret part), as an echo may quote them. */
  static List<String> webhookForms(String webhookUrl) {
    List<String> forms = new ArrayList<>(List.of(webhookUrl));
    try {
      String path = Objects.toString(URI.create(webhookUrl.trim()).getRawPath(), "");
      forms.add(path);
      forms.add(path.substring(path.lastIndexOf('/') + 1));
    } catch (IllegalArgumentException notAUri) {
      // then the SDK could not have called it either
    }
    return forms;
  }

  /**
   * Waits as asked when the status is retryable and the budget and the delivery's deadline allow;
   * false to give up.
   */
  private boolean retryAfter(int attempt, int status, Optional<String> header) {
    if (!RetryPolicy.retryable(status)) {
      return false;
    }
    Instant now = Instant.now();
    Optional<Duration> delay = retry.delayAfter(attempt, header, now);
    // Not past the delivery's claim: a post still in flight then could be made again by the run
    // that takes the claim over (RetryPolicy#pause).
    return delay.isPresent() && retry.pause(now, delay.get(), timeout);
  }

  private static Optional<String> header(WebhookResponse response, String name) {
    if (response.getHeaders() == null) {
      return Optional.empty();
    }
    return response.getHeaders().entrySet().stream()
        .filter(e -> e.getKey() != null && e.getKey().equalsIgnoreCase(name))
        .map(Map.Entry::getValue)
        .filter(v -> v != null && !v.isEmpty())
        .map((List<String> v) -> v.get(0))
        .findFirst();
  }
}
