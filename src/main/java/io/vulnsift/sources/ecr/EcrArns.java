package io.vulnsift.sources.ecr;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A repository as events and inventories name it, split into region, account and name: an ARN
 * {@code arn:aws:ecr:REGION:ACCOUNT:repository/NAME} (as {@code Inspector2 Scan} events carry it),
 * an ECR image reference {@code ACCOUNT.dkr.ecr.REGION.amazonaws.com/NAME[:tag][@digest]} (what a
 * feed that only knows the image string may write), or a plain name (region and account null).
 */
record EcrArns(String region, String account, String repository) {

  private static final String MARKER = ":repository/";
  private static final Pattern ECR_IMAGE =
      Pattern.compile(
          "^(\\d{12})\\.dkr\\.ecr(?:-fips)?\\.([a-z0-9-]+)\\.amazonaws\\.com(?:\\.cn)?/([^:@]+).*$");

  static EcrArns parse(String name) {
    int at = name.indexOf(MARKER);
    if (name.startsWith("arn:") && at >= 0) {
      String[] head = name.substring(0, at).split(":", -1);
      // arn:PARTITION:ecr:REGION:ACCOUNT
      String region = head.length > 3 && !head[3].isEmpty() ? head[3] : null;
      String account = head.length > 4 && !head[4].isEmpty() ? head[4] : null;
      return new EcrArns(region, account, name.substring(at + MARKER.length()));
    }
    Matcher image = ECR_IMAGE.matcher(name);
    if (image.matches()) {
      return new EcrArns(image.group(2), image.group(1), image.group(3));
    }
    return new EcrArns(null, null, name);
  }
}
