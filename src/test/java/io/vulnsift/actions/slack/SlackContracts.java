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
final class SlackContracts {

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
                    // boolean. Every other chat.postMessage parameter is a string.
                    .withLevel("validation.request.body.schema.type", ValidationReport.Level.IGNORE)
                    .build())
            .build();
  }

  static void assertValid(ServeEvent event) {
    var req = event.getRequest();
    SimpleRequest.Builder request =
        new SimpleRequest.Builder(req.getMethod().getName(), req.getUrl());
    for (HttpHeader h : req.getHeaders().all()) {
      request.withHeader(h.key(), h.values());
    }
    request.withBody(req.getBodyAsString());
    assertThat(errors(Holder.VALIDATOR.validateRequest(request.build()))).as("request").isEmpty();
    SimpleResponse response =
        SimpleResponse.Builder.status(event.getResponse().getStatus())
            .withContentType("application/json")
            .withBody(event.getResponse().getBodyAsString())
            .build();
    assertThat(
            Holder.VALIDATOR
                .validateResponse(req.getUrl(), Request.Method.POST, response)
                .getMessages()
                .stream()
                .filter(SlackContracts::error)
                .map(m -> m.getKey() + ": " + m.getMessage())
                .toList())
        .as("response")
        .isEmpty();
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
      return JSON.writeValueAsString(root);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
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
