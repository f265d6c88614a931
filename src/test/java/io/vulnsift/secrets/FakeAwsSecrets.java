package io.vulnsift.secrets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Secrets Manager and SSM Parameter Store on 127.0.0.1, speaking their awsJson1_1 wire protocol
 * ({@code X-Amz-Target: secretsmanager.GetSecretValue} / {@code AmazonSSM.GetParameter}), enough
 * for the real SDK clients with an endpoint override.
 */
final class FakeAwsSecrets implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  final Map<String, String> secrets = new ConcurrentHashMap<>();
  final Map<String, String> parameters = new ConcurrentHashMap<>();

  /** Target and id of every call, in order. */
  final List<String> calls = new CopyOnWriteArrayList<>();

  private final HttpServer server;

  FakeAwsSecrets() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  long count(String target) {
    return calls.stream().filter(c -> c.startsWith(target + " ")).count();
  }

  private void handle(HttpExchange exchange) throws IOException {
    String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
    JsonNode request = JSON.readTree(exchange.getRequestBody());
    ObjectNode response = JSON.createObjectNode();
    int status = 200;
    if ("secretsmanager.GetSecretValue".equals(target)) {
      String id = request.path("SecretId").asText();
      calls.add(target + " " + id);
      String value = secrets.get(id);
      if (value == null) {
        status = 400;
        error(
            response,
            "ResourceNotFoundException",
            "Secrets Manager can't find the specified secret.");
      } else {
        response.put(
            "ARN",
            id.startsWith("arn:")
                ? id
                : "arn:aws:secretsmanager:eu-west-1:123456789012:secret:" + id);
        response.put("Name", id);
        response.put("SecretString", value);
        response.put("VersionId", "v1");
        response.putArray("VersionStages").add("AWSCURRENT");
      }
    } else if ("AmazonSSM.GetParameter".equals(target)) {
      String name = request.path("Name").asText();
      calls.add(target + " " + name + " decrypt=" + request.path("WithDecryption").asBoolean());
      String value = parameters.get(name);
      if (value == null) {
        status = 400;
        error(response, "ParameterNotFound", null);
      } else {
        ObjectNode p = response.putObject("Parameter");
        p.put("Name", name);
        p.put("Type", "SecureString");
        p.put("Value", value);
        p.put("Version", 1);
      }
    } else {
      status = 400;
      error(response, "UnknownOperationException", String.valueOf(target));
    }
    byte[] body = response.toString().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
    exchange.sendResponseHeaders(status, body.length);
    exchange.getResponseBody().write(body);
    exchange.close();
  }

  private static void error(ObjectNode response, String type, String message) {
    response.put("__type", type);
    if (message != null) {
      response.put("message", message);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
