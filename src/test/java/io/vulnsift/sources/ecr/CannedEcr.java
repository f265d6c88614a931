package io.vulnsift.sources.ecr;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecr.EcrClient;

/**
 * An SDK HTTP client that answers {@code DescribeImageScanFindings} from prepared response bytes,
 * without a socket: what the SDK's awsJson1_1 unmarshalling and vulnsift's mapping cost per byte of
 * ECR JSON, for the parsing benchmark. Pages are looked up by the request's {@code nextToken}, or
 * by the image digest for a first page.
 */
public final class CannedEcr implements SdkHttpClient {

  private final Map<String, byte[]> pages;

  /**
   * @param pages first pages by image digest, later pages by the {@code nextToken} naming them
   */
  public CannedEcr(Map<String, byte[]> pages) {
    this.pages = Map.copyOf(pages);
  }

  /** A real SDK client (retries, call counting) whose HTTP is this. */
  public EcrClient client() {
    return EcrClient.builder()
        .httpClient(this)
        .region(Region.of(EcrTestClients.DEFAULT_REGION))
        .endpointOverride(URI.create("http://canned.invalid"))
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret")))
        .overrideConfiguration(
            c ->
                c.retryStrategy(EcrTestClients.fastRetries(1))
                    .addExecutionInterceptor(EcrCalls.INTERCEPTOR))
        .build();
  }

  @Override
  public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
    return new ExecutableHttpRequest() {
      @Override
      public HttpExecuteResponse call() throws IOException {
        Optional<byte[]> body = Optional.empty();
        if (request.contentStreamProvider().isPresent()) {
          body = Optional.of(request.contentStreamProvider().get().newStream().readAllBytes());
        }
        JsonNode json = FakeEcr.JSON.readTree(body.orElse(new byte[] {'{', '}'}));
        String token = json.path("nextToken").asText(null);
        byte[] page = pages.get(token != null ? token : json.at("/imageId/imageDigest").asText());
        int status = page == null ? 400 : 200;
        byte[] out =
            page != null
                ? page
                : FakeEcr.JSON.writeValueAsBytes(
                    FakeEcr.error("ImageNotFoundException", "no canned page"));
        return HttpExecuteResponse.builder()
            .response(
                SdkHttpResponse.builder()
                    .statusCode(status)
                    .putHeader("Content-Type", "application/x-amz-json-1.1")
                    .putHeader("Content-Length", Integer.toString(out.length))
                    .putHeader("x-amzn-RequestId", "canned")
                    .build())
            .responseBody(AbortableInputStream.create(new ByteArrayInputStream(out)))
            .build();
      }

      @Override
      public void abort() {}
    };
  }

  @Override
  public void close() {}
}
