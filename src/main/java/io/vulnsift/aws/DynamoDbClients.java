package io.vulnsift.aws;

import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Builds the DynamoDB client for real AWS (or LocalStack / a DynamoDB Local server). */
public final class DynamoDbClients {

  private DynamoDbClients() {}

  /**
   * A client configured the SDK's way: region and credentials from the default chains, and the
   * endpoint overrides {@code AWS_ENDPOINT_URL} / {@code AWS_ENDPOINT_URL_DYNAMODB} (or the system
   * properties {@code aws.endpointUrl} / {@code aws.endpointUrlDynamoDb}), which SDK 2.58 applies
   * by itself (checked: both redirect requests). The standard retry strategy backs off on
   * throttling, so callers only deal with what is left after it.
   */
  public static DynamoDbClient fromEnvironment() {
    return DynamoDbClient.builder()
        .httpClientBuilder(UrlConnectionHttpClient.builder())
        .overrideConfiguration(c -> c.retryStrategy(RetryMode.STANDARD))
        .build();
  }
}
