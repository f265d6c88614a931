package io.vulnsift.sources.ecr;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vulnsift.model.Finding;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.ecr.model.DescribeImageScanFindingsResponse;

/**
 * The parsing and mapping of many responses as one fetch does them (text values shared across them,
 * as {@link FileFindingSource} and {@link EcrFindingSource} share them), for the benchmarks.
 */
public final class OneFetch {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final SharedStrings strings = new SharedStrings();

  /** Every finding of these responses (one JSON object each), as files of this fetch. */
  public List<Finding> parse(List<byte[]> responses) {
    List<Finding> out = new ArrayList<>();
    for (byte[] response : responses) {
      try (JsonParser p = MAPPER.createParser(response)) {
        if (p.nextToken() != JsonToken.START_OBJECT) {
          throw new IllegalArgumentException("not a response object");
        }
        out.addAll(new ResponseReader(p, MAPPER, "bench", strings).read().findings());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return out;
  }

  /** vulnsift's mapping of SDK pages alone, as this fetch maps them. */
  public List<Finding> map(List<DescribeImageScanFindingsResponse> pages) {
    List<Finding> out = new ArrayList<>();
    for (DescribeImageScanFindingsResponse page : pages) {
      out.addAll(SdkFindingMapper.map(page, strings).findings());
    }
    return out;
  }
}
