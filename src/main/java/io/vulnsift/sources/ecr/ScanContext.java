package io.vulnsift.sources.ecr;

import java.time.Instant;

/**
 * The response-level values a finding falls back to (they may follow the findings in a file), and
 * the strings shared across the fetch the response belongs to.
 */
record ScanContext(
    String registry,
    String repository,
    String imageDigest,
    String imageTag,
    Instant completedAt,
    SharedStrings strings) {}
