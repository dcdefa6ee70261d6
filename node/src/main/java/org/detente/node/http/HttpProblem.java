package org.detente.node.http;

/**
 * A refusal that belongs to HTTP itself rather than to the node's domain: an unacceptable {@code
 * Accept}, a wrong {@code Content-Type}, a body over {@code max_content_length}. Mapped with the
 * domain's refusals in {@link Errors}.
 */
final class HttpProblem extends RuntimeException {
  private static final long serialVersionUID = 1L;

  final int status;
  final String code;
  final String title;

  HttpProblem(int status, String code, String title, String message) {
    super(message);
    this.status = status;
    this.code = code;
    this.title = title;
  }
}
