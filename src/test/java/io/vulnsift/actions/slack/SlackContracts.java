package io.vulnsift.actions.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Best-effort check against Slack's frozen (2020) Web API spec, with the in-memory fixes from
 * {@code ../shared/contracts/README.md}: what it can still tell is the form parameters of {@code
 * chat.postMessage} and the shape of the success envelope our stubs return.
 */
public final class SlackContracts {

  private static final ObjectMapper JSON = new ObjectMapper();

  private SlackContracts() {}

  private static final class Holder {
    static final OpenApiInteractionValidator VALIDATOR =
        OpenApiInteractionValidator.createForInlineApiSpecification(fixed())
            .withBasePathOverride("/api")
            .withLevelResolver(
                LevelResolver.create()
                    // Defect 3: the token is modelled as a required header named "token"; the
                    // SDK sends it as "Authorization: Bearer", which Slack documents.
                    .withLevel(
                        "validation.request.parameter.header.missing",
                        ValidationReport.Level.IGNORE)
                    // The SDK form-encodes booleans as 0/1 (Slack accepts both); the spec says
                    // boolean. Every other parameter the SDK sends is a string or a number.
                    .withLevel("validation.request.body.schema.type", ValidationReport.Level.IGNORE)
                    .withLevel(
                        "validation.request.parameter.schema.type", ValidationReport.Level.IGNORE)
                    .build())
            .build();
  }

  /**
   * Validates one exchange: its request, and its response unless the fake dropped it on purpose (a
   * reset connection never reached the client).
   */
  public static void assertValid(ServeEvent event) {
    var req = event.getRequest();
    String path = req.getUrl().replaceFirst("\\?.*", "");
    Request.Method method = Request.Method.valueOf(req.getMethod().getName());
    SimpleRequest.Builder request;
    if (method == Request.Method.POST && READ_METHODS.contains(path)) {
      // Slack takes every method as a GET with query parameters or as a POST with the same
      // parameters as a form (the SDK always posts); the spec lists the read methods as GET only.
      method = Request.Method.GET;
      request = new SimpleRequest.Builder(method.name(), path);
      formFields(req.getBodyAsString()).forEach(request::withQueryParam);
    } else {
      request = new SimpleRequest.Builder(method.name(), req.getUrl());
      request.withBody(req.getBodyAsString());
    }
    for (HttpHeader h : req.getHeaders().all()) {
      request.withHeader(h.key(), h.values());
    }
    assertThat(errors(Holder.VALIDATOR.validateRequest(request.build())))
        .as("request %s", req.getUrl())
        .isEmpty();
    // Only the success envelope is worth checking: errors (429, 5xx) are plain text or HTML as
    // often as JSON, and a reset connection never reached the client at all.
    int status = event.getResponse().getStatus();
    if (event.getResponseDefinition().getFault() != null || status / 100 != 2) {
      return;
    }
    SimpleResponse response =
        SimpleResponse.Builder.status(event.getResponse().getStatus())
            .withContentType("application/json")
            .withBody(event.getResponse().getBodyAsString())
            .build();
    assertThat(
            Holder.VALIDATOR.validateResponse(path, method, response).getMessages().stream()
                .filter(SlackContracts::error)
                .map(m -> m.getKey() + ": " + m.getMessage())
                .toList())
        .as("response to %s", req.getUrl())
        .isEmpty();
  }

  /** Methods the spec declares as GET only. */
  private static final java.util.Set<String> READ_METHODS =
      java.util.Set.of("/api/conversations.history", "/api/conversations.list");

  private static java.util.Map<String, String> formFields(String body) {
    java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        out.put(
            java.net.URLDecoder.decode(
                pair.substring(0, eq), java.nio.charset.StandardCharsets.UTF_8),
            java.net.URLDecoder.decode(
                pair.substring(eq + 1), java.nio.charset.StandardCharsets.UTF_8));
      }
    }
    return out;
  }

  private static java.util.List<String> errors(ValidationReport report) {
    return report.getMessages().stream()
        .filter(SlackContracts::error)
        .map(m -> m.getKey() + ": " + m.getMessage())
        .toList();
  }

  private static boolean error(ValidationReport.Message m) {
    return m.getLevel() == ValidationReport.Level.ERROR;
  }

  /** Defect 1: {@code items: [ … ]} lists, which the parser rejects. */
  private static String fixed() {
    try {
      JsonNode root =
          JSON.readTree(Files.readString(Path.of("../shared/contracts/slack-web.openapi.json")));
      fixItems(root);
      // The spec froze in 2020, before message metadata (README: "metadata … missing").
      ((com.fasterxml.jackson.databind.node.ArrayNode)
              root.at("/paths/~1chat.postMessage/post/parameters"))
          .addObject()
          .put("in", "formData")
          .put("name", "metadata")
          .put("type", "string");
      // Same: history returns it on messages when asked with include_all_metadata.
      ((com.fasterxml.jackson.databind.node.ArrayNode)
              root.at("/paths/~1conversations.history/get/parameters"))
          .addObject()
          .put("in", "query")
          .put("name", "include_all_metadata")
          .put("type", "boolean");
      ObjectNode metadata =
          ((ObjectNode) root.at("/definitions/objs_message/properties"))
              .putObject("metadata")
              .put("type", "object");
      metadata.putArray("required").add("event_type").add("event_payload");
      ObjectNode fields = metadata.putObject("properties");
      fields.putObject("event_type").put("type", "string");
      fields
          .putObject("event_payload")
          .put("type", "object")
          .putObject("additionalProperties")
          .put("type", "string");
      // History as Slack answers it: an empty channel has no message (the spec demands one), a
      // channel never acted on has a null channel_actions_ts, and paging is by the cursor in
      // response_metadata (the spec's own example has it; its schema forbids it).
      ObjectNode history =
          (ObjectNode)
              root.at("/paths/~1conversations.history/get/responses/200/schema/properties");
      ((ObjectNode) history.get("messages")).remove("minItems");
      history
          .putObject("channel_actions_ts")
          .put("type", "array")
          .put("x-nullable", true)
          .putObject("items")
          .put("type", "integer");
      cursor(history);
      // The same cursor object in conversations.list, which its schema declares but rejects.
      cursor(
          (ObjectNode) root.at("/paths/~1conversations.list/get/responses/200/schema/properties"));
      return JSON.writeValueAsString(root);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void cursor(ObjectNode properties) {
    properties
        .putObject("response_metadata")
        .put("type", "object")
        .putObject("properties")
        .putObject("next_cursor")
        .put("type", "string");
  }

  private static void fixItems(JsonNode node) {
    if (node.isObject()) {
      ObjectNode obj = (ObjectNode) node;
      if (obj.path("items").isArray()) {
        if ("array".equals(obj.path("type").asText())) {
          obj.putObject("items");
        } else {
          obj.remove("items");
        }
      }
      obj.elements().forEachRemaining(SlackContracts::fixItems);
    } else if (node.isArray()) {
      node.elements().forEachRemaining(SlackContracts::fixItems);
    }
  }
}
