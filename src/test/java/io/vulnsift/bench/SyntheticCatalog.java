package io.vulnsift.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The vulnerabilities a synthetic registry's images draw from: (CVE, package, version) triples with
 * a severity, a CVSS score and vector, a fix or not, and a scanner description of realistic length.
 * Severities follow the mix Inspector reports over typical images (few critical, mostly medium). A
 * triple is what the default group key adds to the registry and repository, so images of one
 * repository that share a triple fall into one group.
 */
final class SyntheticCatalog {

  /** Cumulative severity mix: CRITICAL 4%, HIGH 22%, MEDIUM 45%, LOW 20%, INFO 6%, other 3%. */
  static final String[] SEVERITIES = {
    "CRITICAL", "HIGH", "MEDIUM", "LOW", "INFORMATIONAL", "UNTRIAGED"
  };

  private static final double[] CUMULATIVE = {0.04, 0.26, 0.71, 0.91, 0.97, 1.0};

  private static final String[] OS_PACKAGES = {
    "openssl",
    "libssl3",
    "curl",
    "libcurl4",
    "zlib1g",
    "libc6",
    "libxml2",
    "libexpat1",
    "perl-base",
    "libncursesw6",
    "bash",
    "tar",
    "libsystemd0",
    "libgnutls30",
    "libkrb5-3",
    "libsqlite3-0",
    "busybox",
    "musl",
    "libgcrypt20",
    "libtasn1-6",
    "libpcre2-8-0",
    "gzip",
    "libssh-4",
    "libnghttp2-14",
    "libidn2-0",
    "libzstd1",
    "liblzma5",
    "libpam0g",
    "login",
    "git"
  };

  private static final String[] LIBRARIES = {
    "org.springframework:spring-core",
    "org.springframework:spring-web",
    "com.fasterxml.jackson.core:jackson-databind",
    "org.apache.logging.log4j:log4j-core",
    "io.netty:netty-codec-http2",
    "org.yaml:snakeyaml",
    "org.apache.tomcat.embed:tomcat-embed-core",
    "com.google.protobuf:protobuf-java",
    "ch.qos.logback:logback-core",
    "commons-io:commons-io",
    "lodash",
    "minimist",
    "express",
    "axios",
    "semver",
    "ws",
    "path-to-regexp",
    "body-parser",
    "requests",
    "urllib3",
    "django",
    "jinja2",
    "cryptography",
    "setuptools",
    "pillow",
    "golang.org/x/net",
    "golang.org/x/crypto",
    "google.golang.org/grpc",
    "stdlib",
    "github.com/golang-jwt/jwt/v4"
  };

  private static final String[] MANAGERS = {"JAR", "NPM", "PYTHONPKG", "GOBINARY"};

  private static final String[] SENTENCES = {
    "A flaw was found in %s that allows a remote attacker to cause a denial of service.",
    "When processing specially crafted input, %s may read past the end of a heap buffer.",
    "An issue in %s allows an unauthenticated attacker to execute arbitrary code via a crafted"
        + " request.",
    "Improper validation of certificate names in %s can lead to a crash or information"
        + " disclosure.",
    "The vulnerability exists because %s does not properly restrict the size of decompressed"
        + " data.",
    "Successful exploitation requires that the attacker can supply data parsed by %s.",
    "Versions before the fixed release of %s are affected; upgrading removes the issue.",
    "This can be triggered remotely without authentication and without user interaction."
  };

  /** One (CVE, package, version) the scanners report. */
  record Vuln(
      String cve,
      String packageName,
      String manager,
      int epoch,
      String version,
      String release,
      String fixedIn,
      String severity,
      double score,
      String vector,
      boolean exploit,
      String description) {

    boolean os() {
      return manager.equals("OS");
    }
  }

  private final List<Vuln> vulns;

  SyntheticCatalog(int size, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    vulns = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      vulns.add(vuln(i, rnd));
    }
  }

  int size() {
    return vulns.size();
  }

  Vuln get(int i) {
    return vulns.get(i);
  }

  private static Vuln vuln(int i, SplittableRandom rnd) {
    int year = 2014 + rnd.nextInt(13);
    String cve = "CVE-" + year + "-" + (1000 + rnd.nextInt(60_000));
    boolean os = rnd.nextInt(100) < 55;
    String pkg =
        os
            ? OS_PACKAGES[rnd.nextInt(OS_PACKAGES.length)]
            : LIBRARIES[rnd.nextInt(LIBRARIES.length)];
    String manager = os ? "OS" : MANAGERS[rnd.nextInt(MANAGERS.length)];
    int major = rnd.nextInt(5);
    int minor = rnd.nextInt(20);
    int patch = rnd.nextInt(30);
    String version = major + "." + minor + "." + patch;
    String release = os ? (1 + rnd.nextInt(9)) + "~deb12u" + (1 + rnd.nextInt(6)) : null;
    int epoch = os && rnd.nextInt(10) == 0 ? 1 : 0;
    String fixed = rnd.nextInt(100) < 70 ? major + "." + minor + "." + (patch + 1) : null;
    String severity = severity(rnd.nextDouble());
    double score =
        switch (severity) {
          case "CRITICAL" -> 9.0 + rnd.nextInt(11) / 10.0;
          case "HIGH" -> 7.0 + rnd.nextInt(20) / 10.0;
          case "MEDIUM" -> 4.0 + rnd.nextInt(30) / 10.0;
          case "LOW" -> 0.1 + rnd.nextInt(39) / 10.0;
          default -> 0.0;
        };
    String vector =
        "CVSS:3.1/AV:"
            + (rnd.nextBoolean() ? "N" : "L")
            + "/AC:L/PR:N/UI:"
            + (rnd.nextBoolean() ? "N" : "R")
            + "/S:U/C:H/I:H/A:H";
    return new Vuln(
        cve,
        pkg,
        manager,
        epoch,
        version,
        release,
        fixed,
        severity,
        score,
        vector,
        rnd.nextInt(100) < 8,
        description(pkg, rnd));
  }

  static String severity(double u) {
    for (int s = 0; s < CUMULATIVE.length; s++) {
      if (u < CUMULATIVE[s]) {
        return SEVERITIES[s];
      }
    }
    return SEVERITIES[SEVERITIES.length - 1];
  }

  /** Two to six sentences: 150–600 characters, as scanner descriptions mostly are. */
  private static String description(String pkg, SplittableRandom rnd) {
    StringBuilder sb = new StringBuilder();
    int n = 2 + rnd.nextInt(5);
    for (int s = 0; s < n; s++) {
      if (s > 0) {
        sb.append(' ');
      }
      sb.append(String.format(SENTENCES[rnd.nextInt(SENTENCES.length)], pkg));
    }
    return sb.toString();
  }
}
