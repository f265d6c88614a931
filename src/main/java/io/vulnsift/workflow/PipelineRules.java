package io.vulnsift.workflow;

import java.util.HashMap;
import java.util.Map;

/**
 * Rules that span several steps or actions, which the record types alone cannot express: the
 * pipeline is filters → one group → suppress-reported, and every action has a unique id (the
 * reported state is keyed by it, so two actions sharing one would deliver only once).
 */
final class PipelineRules {
  private final Problems problems;

  PipelineRules(Problems problems) {
    this.problems = problems;
  }

  void check(YamlNode.Mapping workflow) {
    if (workflow.get("steps") instanceof YamlNode.Sequence steps) {
      steps(steps);
    }
    if (workflow.get("actions") instanceof YamlNode.Sequence actions) {
      actions(actions);
    }
  }

  private void steps(YamlNode.Sequence steps) {
    YamlNode group = null;
    YamlNode suppress = null;
    Map<String, YamlNode> filterNames = new HashMap<>();
    for (YamlNode step : steps.items()) {
      String type = string(step, "type");
      if ("group".equals(type)) {
        if (group != null) {
          problems.at(
              step, "only one group step is allowed (the first is at line " + group.line() + ")");
        } else {
          group = step;
        }
      } else if ("filter".equals(type)) {
        String name = string(step, "name");
        if (group != null) {
          problems.at(
              step,
              "filter step "
                  + (name == null ? "" : "'" + name + "' ")
                  + "comes after the group step (line "
                  + group.line()
                  + "): filters select findings, so put them before grouping");
        }
        YamlNode first = name == null ? null : filterNames.putIfAbsent(name, step);
        if (first != null) {
          problems.at(
              step,
              "duplicate filter name '"
                  + name
                  + "' (first at line "
                  + first.line()
                  + "): each filter names its own stage of the funnel");
        }
      } else if ("suppress-reported".equals(type)) {
        if (suppress != null) {
          problems.at(
              step,
              "only one suppress-reported step is allowed (the first is at line "
                  + suppress.line()
                  + ")");
        } else if (group == null) {
          problems.at(
              step,
              "suppress-reported needs a group step before it: it remembers reported groups,"
                  + " not single findings");
        }
        suppress = suppress == null ? step : suppress;
      }
    }
  }

  private void actions(YamlNode.Sequence actions) {
    Map<String, YamlNode> ids = new HashMap<>();
    for (YamlNode action : actions.items()) {
      String type = string(action, "type");
      String id = string(action, "id");
      if (id == null && type == null) {
        continue;
      }
      String effective = id == null ? type : id;
      YamlNode first = ids.putIfAbsent(effective, action);
      if (first != null) {
        YamlNode at = id == null ? action : ((YamlNode.Mapping) action).get("id");
        problems.at(
            at,
            "duplicate action id '"
                + effective
                + "' (first at line "
                + first.line()
                + "): an action's id defaults to its type, so give each "
                + (type == null ? "" : type + " ")
                + "action a unique 'id'");
      }
    }
  }

  private static String string(YamlNode node, String key) {
    if (node instanceof YamlNode.Mapping m
        && m.get(key) instanceof YamlNode.Scalar s
        && s.kind() == YamlNode.Scalar.Kind.STRING) {
      return s.text();
    }
    return null;
  }
}
