package io.vulnsift.bench;

import io.vulnsift.aws.DynamoDbLocalServer;

/**
 * DynamoDB Local as an HTTP server until stopped, for bench/run.sh's start-up measurement of a run
 * that talks to DynamoDB over the wire (as a deployed service does) instead of the embedded one.
 * Prints the endpoint on its first line.
 */
public final class DynamoDbLocalMain {

  private DynamoDbLocalMain() {}

  public static void main(String[] args) throws InterruptedException {
    try (DynamoDbLocalServer server = DynamoDbLocalServer.start()) {
      System.out.println(server.endpoint());
      System.out.flush();
      Thread.currentThread().join();
    }
  }
}
