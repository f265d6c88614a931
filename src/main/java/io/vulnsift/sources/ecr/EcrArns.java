package io.vulnsift.sources.ecr;

/**
 * A repository given as an ARN, {@code arn:aws:ecr:REGION:ACCOUNT:repository/NAME} (as {@code
 * Inspector2 Scan} events carry it), split into its parts; a plain name has only the name.
 */
record EcrArns(String region, String account, String repository) {

  private static final String MARKER = ":repository/";

  static EcrArns parse(String nameOrArn) {
    int at = nameOrArn.indexOf(MARKER);
    if (!nameOrArn.startsWith("arn:") || at < 0) {
      return new EcrArns(null, null, nameOrArn);
    }
    String[] head = nameOrArn.substring(0, at).split(":", -1);
    String name = nameOrArn.substring(at + MARKER.length());
    // arn:PARTITION:ecr:REGION:ACCOUNT
    String region = head.length > 3 && !head[3].isEmpty() ? head[3] : null;
    String account = head.length > 4 && !head[4].isEmpty() ? head[4] : null;
    return new EcrArns(region, account, name);
  }
}
