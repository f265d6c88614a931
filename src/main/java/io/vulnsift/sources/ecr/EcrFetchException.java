package io.vulnsift.sources.ecr;

/**
 * ECR failed in a way that loses findings (access denied, server errors or throttling that outlived
 * the retries, I/O): the run must fail visibly rather than report a partial registry as clean. The
 * message names the operation and image and the AWS error code; the SDK exception is the cause.
 */
public final class EcrFetchException extends RuntimeException {

  EcrFetchException(String message, Throwable cause) {
    super(message, cause);
  }
}
