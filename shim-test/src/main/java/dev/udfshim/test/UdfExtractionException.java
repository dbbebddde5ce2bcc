package dev.udfshim.test;

/**
 * The platform cannot run the class: the build would fail with the same code and reason. The
 * message reads as the build's: {@code <class>: <CODE>: <reason>}.
 */
public final class UdfExtractionException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String className;
  private final String code;
  private final String reason;

  UdfExtractionException(String className, String code, String reason) {
    super(className + ": " + code + ": " + reason);
    this.className = className;
    this.code = code;
    this.reason = reason;
  }

  public String className() {
    return className;
  }

  /** The extraction error code, e.g. {@code NO_PUBLIC_NO_ARG_CONSTRUCTOR}. */
  public String code() {
    return code;
  }

  /** What is wrong and what to do, without the class and code in front. */
  public String reason() {
    return reason;
  }
}
