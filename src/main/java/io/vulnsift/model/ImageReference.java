package io.vulnsift.model;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A container image reference split the way ECR names things: {@code
 * 123456789012.dkr.ecr.eu-west-1.amazonaws.com/team/app:1.2} is registry {@code 123456789012},
 * repository {@code team/app}. Other images keep their host as registry ({@code docker.io} when the
 * reference has none) and their path as repository.
 *
 * @param registry ECR account id, or registry host
 * @param repository repository path without tag or digest
 * @param tag tag, or {@code null}
 * @param digest digest pinned in the reference, or {@code null}
 */
public record ImageReference(String registry, String repository, String tag, String digest) {

  private static final Pattern ECR_HOST =
      Pattern.compile("^(\\d{12})\\.dkr\\.ecr(?:-fips)?\\.[a-z0-9-]+\\.amazonaws\\.com(?:\\.cn)?$");

  /** OCI digest grammar: {@code algorithm:hex}. */
  private static final Pattern DIGEST =
      Pattern.compile("^[a-z0-9]+(?:[+._-][a-z0-9]+)*:[0-9a-fA-F]{32,}$");

  /** Longer than any algorithm's digest (sha512: 135 characters): not a digest. */
  private static final int DIGEST_MAX = 200;

  /**
   * Whether the text is an OCI digest ({@code sha256:<hex>}) of a plausible length, i.e. one that
   * can name an image and be stored as a key.
   */
  public static boolean isDigest(String text) {
    return text != null && text.length() <= DIGEST_MAX && DIGEST.matcher(text).matches();
  }

  public static ImageReference parse(String image) {
    String rest = image.trim();
    String digest = null;
    int at = rest.indexOf('@');
    if (at >= 0) {
      digest = rest.substring(at + 1);
      rest = rest.substring(0, at);
    }
    String tag = null;
    int colon = rest.lastIndexOf(':');
    if (colon > rest.lastIndexOf('/')) {
      tag = rest.substring(colon + 1);
      rest = rest.substring(0, colon);
    }
    String registry = "docker.io";
    int slash = rest.indexOf('/');
    // Docker's rule: the first segment is a host only if it looks like one.
    if (slash > 0 && isHost(rest.substring(0, slash))) {
      registry = rest.substring(0, slash);
      rest = rest.substring(slash + 1);
    }
    Matcher ecr = ECR_HOST.matcher(registry);
    if (ecr.matches()) {
      registry = ecr.group(1);
    }
    return new ImageReference(registry, rest, tag, digest);
  }

  private static boolean isHost(String segment) {
    return segment.contains(".") || segment.contains(":") || segment.equals("localhost");
  }

  /**
   * The digest of a container status {@code imageID}, whatever the runtime's form: {@code
   * docker-pullable://repo@sha256:…}, {@code repo@sha256:…}, {@code docker://sha256:…}, bare {@code
   * sha256:…}. {@code null} when there is none (the image is not pulled yet).
   */
  public static String digestOf(String imageId) {
    if (imageId == null || imageId.isBlank()) {
      return null;
    }
    String s = imageId.trim();
    int scheme = s.indexOf("://");
    if (scheme >= 0) {
      s = s.substring(scheme + 3);
    }
    int at = s.lastIndexOf('@');
    if (at >= 0) {
      s = s.substring(at + 1);
    }
    return isDigest(s) ? s : null;
  }
}
