package io.vulnsift.actions.jira;

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
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The vendor OpenAPI specs of Jira as validators, built once per JVM (the Cloud spec is 2.4 MB).
 * Paths are relative to the module directory, where tests run. The Data Center spec gets the
 * in-memory fixes listed in {@code ../shared/contracts/README.md}; the files are never edited.
 */
public final class JiraContracts {

  private static final Path DIR = Path.of("../shared/contracts");
  private static final ObjectMapper JSON = new ObjectMapper();

  private JiraContracts() {}

  /** Lazily built on first use, per spec. */
  private static final class Cloud {
    static final OpenApiInteractionValidator VALIDATOR =
        OpenApiInteractionValidator.createForInlineApiSpecification(
                read("jira-cloud-platform.openapi.json"))
            .build();
  }

  private static final class DataCenter {
    static final OpenApiInteractionValidator VALIDATOR =
        OpenApiInteractionValidator.createForInlineApiSpecification(
                fixDataCenter(read("jira-datacenter-10.3.openapi.json")))
            // Defect 3: only basic auth is declared, but a PAT is sent as a bearer token.
            .withLevelResolver(
                LevelResolver.create()
                    .withLevel("validation.request.security.invalid", ValidationReport.Level.IGNORE)
                    .build())
            .build();
  }

  public static OpenApiInteractionValidator cloud() {
    return Cloud.VALIDATOR;
  }

  public static OpenApiInteractionValidator dataCenter() {
    return DataCenter.VALIDATOR;
  }

  /**
   * Validates every recorded exchange, request and (when the status is documented) response. A
   * response the fake dropped on purpose (a connection reset) never reached the client: only its
   * request is checked.
   */
  public static void assertValid(OpenApiInteractionValidator validator, List<ServeEvent> events) {
    assertThat(events).isNotEmpty();
    for (ServeEvent event : events) {
      var req = event.getRequest();
      String path = req.getUrl().replaceFirst("\\?.*", "");
      SimpleRequest.Builder request = new SimpleRequest.Builder(req.getMethod().getName(), path);
      req.getQueryParams().forEach((name, param) -> request.withQueryParam(name, param.values()));
      for (HttpHeader h : req.getHeaders().all()) {
        request.withHeader(h.key(), h.values());
      }
      request.withBody(req.getBodyAsString());
      ValidationReport report = validator.validateRequest(request.build());
      assertThat(report.getMessages()).as("request %s %s", req.getMethod(), req.getUrl()).isEmpty();
      if (event.getResponseDefinition().getFault() != null) {
        continue;
      }
      int status = event.getResponse().getStatus();
      // A 204 has no body by definition (RFC 9110); Cloud's spec still gives doTransition's 204 an
      // application/json schema, which would demand one.
      if (status < 300 && status != 204) {
        SimpleResponse response =
            SimpleResponse.Builder.status(status)
                .withContentType("application/json")
                .withBody(event.getResponse().getBodyAsString())
                .build();
        ValidationReport rr =
            validator.validateResponse(
                path, Request.Method.valueOf(req.getMethod().getName()), response);
        assertThat(rr.getMessages())
            .as("response to %s %s", req.getMethod(), req.getUrl())
            .isEmpty();
      }
    }
  }

  private static String read(String file) {
    try {
      return Files.readString(DIR.resolve(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** README "Known spec defects", Jira DC 10.3, fixed in memory. */
  static String fixDataCenter(String spec) {
    try {
      JsonNode root = JSON.readTree(spec);
      // Defect 1: repeated operationIds are fatal to the parser; make them unique.
      Map<String, Integer> seen = new HashMap<>();
      for (JsonNode path : root.get("paths")) {
        for (Iterator<JsonNode> ops = path.elements(); ops.hasNext(); ) {
          JsonNode op = ops.next();
          if (op.isObject() && op.has("operationId")) {
            String id = op.get("operationId").asText();
            int n = seen.merge(id, 1, Integer::sum);
            if (n > 1) {
              ((ObjectNode) op).put("operationId", id + "_dup" + n);
            }
          }
        }
      }
      // Defect 2: every field value was declared an object, rejecting "summary": "text".
      ((ObjectNode) root.at("/components/schemas/IssueUpdateBean/properties/fields"))
          .putObject("additionalProperties");
      // Same kind, in responses: issue fields such as "resolution": null or a date string.
      ((ObjectNode) root.at("/components/schemas/IssueBean/properties/fields"))
          .putObject("additionalProperties");
      // Omission: doTransition's own description points at GET …/transitions?expand=
      // transitions.fields (the fields a transition screen takes), but the GET declares no expand.
      ((com.fasterxml.jackson.databind.node.ArrayNode)
              root.at("/paths/~1api~12~1issue~1{issueIdOrKey}~1transitions/get/parameters"))
          .addObject()
          .put("name", "expand")
          .put("in", "query")
          .putObject("schema")
          .put("type", "string");
      // Same kind: a property value is any JSON, declared as a string of format json.
      ((ObjectNode)
              root.at(
                  "/paths/~1api~12~1issue~1{issueIdOrKey}~1properties~1{propertyKey}/put/requestBody/content/application~1json"))
          .putObject("schema");
      // Same kind: search's "fields" is a list of strings, declared as a list of StringList
      // objects.
      for (JsonNode param : root.at("/paths/~1api~12~1search/get/parameters")) {
        if (param.path("name").asText().equals("fields")) {
          ((ObjectNode) param.get("schema")).putObject("items").put("type", "string");
        }
      }
      return JSON.writeValueAsString(root);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
