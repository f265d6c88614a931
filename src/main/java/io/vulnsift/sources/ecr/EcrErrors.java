package io.vulnsift.sources.ecr;

import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/** Where SDK exceptions stop: turned into {@link EcrFetchException}s that say what failed. */
final class EcrErrors {

  private EcrErrors() {}

  /** Tags a request with its fetch's call counter. */
  static AwsRequestOverrideConfiguration counted(EcrCalls calls) {
    return AwsRequestOverrideConfiguration.builder()
        .putExecutionAttribute(EcrCalls.ATTRIBUTE, calls)
        .build();
  }

  static EcrFetchException wrap(
      String operation, ImageJob.Location at, String digest, RuntimeException e) {
    if (e instanceof EcrFetchException done) {
      return done;
    }
    StringBuilder what = new StringBuilder("ECR ").append(operation).append(" failed");
    what.append(" for ").append(at.registryId() == null ? "the default registry" : at.registryId());
    what.append(at.region() == null ? "" : " in " + at.region());
    if (at.repository() != null) {
      what.append(", repository ").append(at.repository());
    }
    if (digest != null) {
      what.append(", image ").append(digest);
    }
    what.append(": ").append(reason(e));
    return new EcrFetchException(what.toString(), e);
  }

  private static String reason(RuntimeException e) {
    if (e instanceof AwsServiceException aws && aws.awsErrorDetails() != null) {
      var d = aws.awsErrorDetails();
      return d.errorCode() + " (HTTP " + aws.statusCode() + "): " + d.errorMessage();
    }
    return e.getClass().getSimpleName() + ": " + e.getMessage();
  }
}
