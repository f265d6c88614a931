package io.vulnsift.model;

/**
 * A container image reference split into registry and repository: {@code
 * 123456789012.dkr.ecr.eu-west-1.amazonaws.com/team/app:1.2} → registry {@code 123456789012},
 * repository {@code team/app}. For ECR the registry is the account id, as scanners report it;
 * elsewhere it is the host ({@code docker.io} when the reference names none).
 */
public record ImageReference(String registry, String repository) {

  public static ImageReference parse(String image) {
    String ref = image == null ? "" : image.trim();
    int at = ref.indexOf('@');
    if (at >= 0) {
      ref = ref.substring(0, at);
    }
    int slash = ref.indexOf('/');
    String host = null;
    if (slash > 0) {
      String first = ref.substring(0, slash);
      if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
        host = first;
        ref = ref.substring(slash + 1);
      }
    }
    int colon = ref.lastIndexOf(':');
    if (colon > ref.lastIndexOf('/')) {
      ref = ref.substring(0, colon);
    }
    if (host == null) {
      return new ImageReference("docker.io", ref.contains("/") ? ref : "library/" + ref);
    }
    if (host.contains(".dkr.ecr.")) {
      return new ImageReference(host.substring(0, host.indexOf('.')), ref);
    }
    return new ImageReference(host, ref);
  }
}
