package org.detente.stix;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A granular-marking selector of STIX 2.1 section 7.2.3: components separated by {@code .}, each a
 * property name or dictionary key, or a zero-based list index in brackets ({@code [4]}). Index
 * components are written without sign or leading zeros.
 */
record Selector(List<Selector.Step> steps) {
  sealed interface Step {}

  record Key(String name) implements Step {}

  record Index(int index) implements Step {}

  Selector {
    steps = List.copyOf(steps);
  }

  /** The selector, or empty when the text does not follow the selector syntax. */
  static Optional<Selector> parse(String text) {
    if (text == null || text.isEmpty()) {
      return Optional.empty();
    }
    List<Step> steps = new ArrayList<>();
    for (String part : text.split("\\.", -1)) {
      if (part.isEmpty()) {
        return Optional.empty();
      }
      if (part.charAt(0) == '[') {
        if (part.length() < 3 || part.length() > 11 || part.charAt(part.length() - 1) != ']') {
          return Optional.empty();
        }
        String digits = part.substring(1, part.length() - 1);
        if (!digits.chars().allMatch(c -> c >= '0' && c <= '9')
            || (digits.length() > 1 && digits.charAt(0) == '0')) {
          return Optional.empty();
        }
        steps.add(new Index(Integer.parseInt(digits)));
      } else if (part.indexOf('[') >= 0 || part.indexOf(']') >= 0) {
        return Optional.empty();
      } else {
        steps.add(new Key(part));
      }
    }
    return Optional.of(new Selector(steps));
  }

  /** The node this selector denotes in {@code root}, or empty when that content is not present. */
  Optional<JsonNode> resolve(JsonNode root) {
    JsonNode cur = root;
    for (Step step : steps) {
      cur =
          switch (step) {
            case Key(String name) -> cur.isObject() ? cur.get(name) : null;
            case Index(int index) -> cur.isArray() ? cur.get(index) : null;
          };
      if (cur == null) {
        return Optional.empty();
      }
    }
    return Optional.of(cur);
  }

  /** True when this selector is {@code other} or one of its ancestors. */
  boolean covers(Selector other) {
    return other.steps.size() >= steps.size() && other.steps.subList(0, steps.size()).equals(steps);
  }

  Selector child(Step step) {
    List<Step> s = new ArrayList<>(steps.size() + 1);
    s.addAll(steps);
    s.add(step);
    return new Selector(s);
  }

  Selector prefix(int length) {
    return new Selector(steps.subList(0, length));
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder();
    for (Step step : steps) {
      if (!b.isEmpty()) {
        b.append('.');
      }
      switch (step) {
        case Key(String name) -> b.append(name);
        case Index(int index) -> b.append('[').append(index).append(']');
      }
    }
    return b.toString();
  }
}
