package io.vulnsift.actions;

import io.vulnsift.engine.Alert;
import io.vulnsift.model.Finding;
import io.vulnsift.model.Group;
import io.vulnsift.model.Workload;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/** Alerts whose every scanner- and cluster-provided text is {@link HostileText}. */
public final class HostileAlerts {

  private HostileAlerts() {}

  public static Arbitrary<String> text() {
    return HostileText.text();
  }

  static Arbitrary<String> nullable(Arbitrary<String> a) {
    return a.injectNull(0.2);
  }

  /** Vulnerability ids: hostile text, or CVE ids (some absurdly long, which NVD links show). */
  public static Arbitrary<String> vulnerabilityIds() {
    return Arbitraries.oneOf(
        text(),
        Arbitraries.strings().numeric().ofMinLength(4).ofMaxLength(3000).map(d -> "CVE-2024-" + d),
        Arbitraries.just("CVE-2024-6119"));
  }

  /** Advisory URLs: hostile text, plausible URLs with hostile paths, or none. */
  public static Arbitrary<String> urls() {
    return nullable(
        Arbitraries.oneOf(
            text(),
            text().map(s -> "https://advisories.example/" + s),
            Arbitraries.strings()
                .alpha()
                .numeric()
                .ofMaxLength(700)
                .map(s -> "https://advisories.example/" + s)));
  }

  static Arbitrary<Finding> findings(String digest) {
    Arbitrary<String> severity = Arbitraries.of("CRITICAL", "HIGH", "MEDIUM", "LOW", "x", "");
    Arbitrary<Double> score = Arbitraries.doubles().between(0, 10).ofScale(1).injectNull(0.2);
    List<Arbitrary<Object>> parts =
        List.of(
            vulnerabilityIds().asGeneric(), // 0
            text().asGeneric(), // 1 title
            nullable(text()).asGeneric(), // 2 description
            nullable(text()).asGeneric(), // 3 cvss vector
            nullable(text()).asGeneric(), // 4 package name
            nullable(text()).asGeneric(), // 5 package version
            nullable(text()).asGeneric(), // 6 fixed in
            urls().asGeneric(), // 7 advisory
            text().asGeneric(), // 8 repository
            text().list().ofMaxSize(3).asGeneric(), // 9 tags
            severity.asGeneric(), // 10
            score.asGeneric()); // 11
    return Combinators.combine(parts)
        .as(
            v ->
                new Finding(
                    (String) v.get(0),
                    (String) v.get(1),
                    (String) v.get(2),
                    (String) v.get(10),
                    (Double) v.get(11),
                    (String) v.get(3),
                    (String) v.get(4),
                    (String) v.get(5),
                    (String) v.get(6),
                    "YES",
                    null,
                    0.5,
                    (String) v.get(7),
                    "123456789012",
                    (String) v.get(8),
                    digest,
                    strings(v.get(9)),
                    Fixtures.NOW.minusSeconds(3600),
                    Fixtures.NOW,
                    Finding.ScanType.ENHANCED,
                    null,
                    null));
  }

  @SuppressWarnings("unchecked")
  private static List<String> strings(Object o) {
    return (List<String>) o;
  }

  static Arbitrary<Workload> workloads(String digest) {
    return Combinators.combine(
            nullable(text()), nullable(text()), nullable(text()), text(), nullable(text()))
        .as((c, ns, w, stage, owner) -> new Workload(c, ns, w, stage, "product", owner, digest));
  }

  /**
   * A group of one to three images (now and then twelve, more than a Slack alert lists), each with
   * a finding and up to two workloads.
   */
  public static Arbitrary<Alert> alerts() {
    return Arbitraries.frequencyOf(
            Tuple.of(8, Arbitraries.integers().between(1, 3)), Tuple.of(1, Arbitraries.just(12)))
        .flatMap(
            n -> {
              List<Arbitrary<Finding>> fs = new ArrayList<>();
              List<Arbitrary<List<Workload>>> ws = new ArrayList<>();
              List<String> digests = new ArrayList<>();
              for (int i = 0; i < n; i++) {
                String digest = "sha256:" + String.valueOf((char) ('a' + i)).repeat(64);
                digests.add(digest);
                fs.add(findings(digest));
                ws.add(workloads(digest).list().ofMaxSize(2));
              }
              return Combinators.combine(
                      Combinators.combine(fs).as(l -> l), Combinators.combine(ws).as(l -> l))
                  .as(
                      (findings, workloads) ->
                          Fixtures.alert(
                              new Group(
                                  Fixtures.key(),
                                  findings,
                                  digests,
                                  workloads.stream().flatMap(List::stream).toList())));
            });
  }
}
