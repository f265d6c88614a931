package io.vulnsift.events;

/** ARN helpers for event fields that carry either a name or an ARN. */
final class Arns {
  private Arns() {}

  /**
   * The repository name of an ECR repository ARN ({@code arn:aws:ecr:…:repository/team/app} →
   * {@code team/app}); a plain name is returned unchanged.
   */
  static String repositoryName(String nameOrArn) {
    int at = nameOrArn.indexOf(":repository/");
    return at < 0 ? nameOrArn : nameOrArn.substring(at + ":repository/".length());
  }
}
