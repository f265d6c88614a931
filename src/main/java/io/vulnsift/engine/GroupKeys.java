package io.vulnsift.engine;

import io.vulnsift.model.Finding;
import io.vulnsift.model.GroupKey;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Builds the {@link GroupKey} of a finding from a workflow's key fields. */
public final class GroupKeys {
  private final Map<String, Function<Finding, String>> readers = new LinkedHashMap<>();

  public GroupKeys(List<String> fields) {
    for (String field : fields) {
      readers.put(field, FindingFields.reader(field));
    }
  }

  public GroupKey of(Finding finding) {
    Map<String, String> values = new LinkedHashMap<>();
    readers.forEach((field, reader) -> values.put(field, reader.apply(finding)));
    return new GroupKey(values);
  }
}
