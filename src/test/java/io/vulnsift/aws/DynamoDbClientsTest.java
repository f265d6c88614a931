package io.vulnsift.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;

/**
 * The real client honours the SDK's endpoint override (here as the system property equivalent of
 * {@code AWS_ENDPOINT_URL_DYNAMODB}) and retries throttling with the standard strategy.
 */
class DynamoDbClientsTest {

  @Test
  void endpointOverrideAndStandardRetries() throws Exception {
    AtomicInteger requests = new AtomicInteger();
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          requests.incrementAndGet();
          byte[] body =
              ("{\"__type\":\"com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException\","
                      + "\"message\":\"slow down\"}")
                  .getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.0");
          exchange.sendResponseHeaders(400, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
    Map<String, String> props =
        Map.of(
            "aws.region", "eu-west-1",
            "aws.accessKeyId", "AKIDEXAMPLE",
            "aws.secretAccessKey", "secretexample",
            "aws.endpointUrlDynamoDb", "http://127.0.0.1:" + server.getAddress().getPort());
    props.forEach(System::setProperty);
    try (DynamoDbClient client = DynamoDbClients.fromEnvironment()) {
      assertThatThrownBy(client::listTables)
          .isInstanceOf(ProvisionedThroughputExceededException.class);
      assertThat(requests.get()).isEqualTo(3); // RetryMode.STANDARD: 3 attempts in all
    } finally {
      props.keySet().forEach(System::clearProperty);
      server.stop(0);
    }
  }
}
