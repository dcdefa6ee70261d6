package org.detente.stix;

/**
 * The location of a value inside one STIX object, rendered only when an error needs it: {@code
 * valid_until}, {@code granular_markings[0].selectors[1]}, {@code
 * extensions.archive-ext.contains_refs[2]}.
 */
final class PropertyPath {
  static final PropertyPath ROOT = new PropertyPath(null, null, -1);

  private final PropertyPath parent;
  private final String name;
  private final int index;

  private PropertyPath(PropertyPath parent, String name, int index) {
    this.parent = parent;
    this.name = name;
    this.index = index;
  }

  /** The member {@code name} of the object at this path. */
  PropertyPath child(String name) {
    return new PropertyPath(this, name, -1);
  }

  /** The list item {@code index} of the list at this path. */
  PropertyPath item(int index) {
    return new PropertyPath(this, null, index);
  }

  String render() {
    if (parent == null) {
      return "";
    }
    StringBuilder b = new StringBuilder();
    append(b);
    return b.toString();
  }

  private void append(StringBuilder b) {
    if (parent == null) {
      return;
    }
    parent.append(b);
    if (name != null) {
      if (b.length() > 0) {
        b.append('.');
      }
      b.append(name);
    } else {
      b.append('[').append(index).append(']');
    }
  }

  @Override
  public String toString() {
    return render();
  }
}
