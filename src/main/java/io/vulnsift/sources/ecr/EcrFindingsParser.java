package io.vulnsift.sources.ecr;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vulnsift.model.Finding;
import java.io.CharConversionException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses ECR {@code DescribeImageScanFindings} responses, as {@code aws ecr
 * describe-image-scan-findings --output json} prints them or as the API sends them, into normalized
 * {@link Finding}s. A document may hold one response, a JSON array of responses, or several
 * concatenated response objects (pages). Thread-safe and stateless.
 */
public final class EcrFindingsParser {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** All findings of a file, in file order. */
  public List<Finding> parse(Path file) {
    return flatten(parseScans(file));
  }

  /** All findings of a stream; {@code sourceName} names it in errors. */
  public List<Finding> parse(InputStream in, String sourceName) {
    return flatten(parseScans(in, sourceName));
  }

  /** The responses (pages) of a file, each with its scan status and findings. */
  public List<ImageScan> parseScans(Path file) {
    return parseScans(file, new SharedStrings());
  }

  /** As {@link #parseScans(Path)}, sharing text values with the other files of one fetch. */
  List<ImageScan> parseScans(Path file, SharedStrings strings) {
    try (InputStream in = Files.newInputStream(file)) {
      return parseScans(in, file.toString(), strings);
    } catch (IOException e) {
      throw new UncheckedIOException(file + ": " + e.getMessage(), e);
    }
  }

  /** The responses (pages) of a stream; {@code sourceName} names it in errors. */
  public List<ImageScan> parseScans(InputStream in, String sourceName) {
    return parseScans(in, sourceName, new SharedStrings());
  }

  private List<ImageScan> parseScans(InputStream in, String sourceName, SharedStrings strings) {
    List<ImageScan> scans = new ArrayList<>();
    try (JsonParser p = MAPPER.createParser(in)) {
      JsonToken t = p.nextToken();
      if (t == null) {
        throw FindingsParseException.at(sourceName, null, null, "no JSON content");
      }
      for (; t != null; t = p.nextToken()) {
        if (t == JsonToken.START_ARRAY) {
          while (p.nextToken() == JsonToken.START_OBJECT) {
            scans.add(new ResponseReader(p, MAPPER, sourceName, strings).read());
          }
          if (p.currentToken() != JsonToken.END_ARRAY) {
            throw unexpected(sourceName, p);
          }
        } else if (t == JsonToken.START_OBJECT) {
          scans.add(new ResponseReader(p, MAPPER, sourceName, strings).read());
        } else {
          throw unexpected(sourceName, p);
        }
      }
    } catch (JsonProcessingException e) {
      throw FindingsParseException.of(sourceName, e);
    } catch (CharConversionException e) {
      // bytes that are no UTF-8/16/32 are bad input like malformed JSON, not a failed read
      throw new FindingsParseException(
          sourceName, sourceName + ": not JSON text: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(sourceName + ": " + e.getMessage(), e);
    }
    return scans;
  }

  private static FindingsParseException unexpected(String source, JsonParser p) {
    return FindingsParseException.at(
        source,
        p.currentTokenLocation(),
        null,
        "expected a response object or an array of them, found " + p.currentToken());
  }

  private static List<Finding> flatten(List<ImageScan> scans) {
    List<Finding> all = new ArrayList<>();
    scans.forEach(s -> all.addAll(s.findings()));
    return all;
  }
}
