package io.vulnsift.aws;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import software.amazon.dynamodb.services.local.main.ServerRunner;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;

/**
 * DynamoDB Local as an HTTP server on loopback, for the parts that must talk to DynamoDB over the
 * wire: the deployed function (through the SDK's endpoint override) and the AWS CLI scripts of
 * {@code localstack/}. One shared database, whatever region and credentials a client uses.
 */
public final class DynamoDbLocalServer implements AutoCloseable {
  private final DynamoDBProxyServer server;
  private final int port;

  private DynamoDbLocalServer(DynamoDBProxyServer server, int port) {
    this.server = server;
    this.port = port;
  }

  public static DynamoDbLocalServer start() {
    LocalDynamoDb.quietLogging();
    int port = freePort();
    try {
      DynamoDBProxyServer server =
          ServerRunner.createServerFromCommandLineArgs(
              new String[] {
                "-inMemory", "-sharedDb", "-disableTelemetry", "-port", Integer.toString(port)
              });
      server.start();
      return new DynamoDbLocalServer(server, port);
    } catch (Exception e) {
      throw new IllegalStateException("cannot start DynamoDB Local on port " + port, e);
    }
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + port);
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    try {
      server.stop();
    } catch (Exception e) {
      throw new IllegalStateException("cannot stop DynamoDB Local", e);
    }
  }
}
