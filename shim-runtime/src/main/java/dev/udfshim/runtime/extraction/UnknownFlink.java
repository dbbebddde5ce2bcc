package dev.udfshim.runtime.extraction;

import dev.udfshim.runtime.flink.FlinkClassPath;
import java.lang.annotation.AnnotationTypeMismatchException;
import java.util.Optional;

/**
 * A UDF that uses something of Flink (a class, a method, an enum constant such as {@code
 * ArgumentTrait.SUPPORT_UPDATES}, an annotation attribute) that the Flink this runtime runs does
 * not have: it was compiled against another Flink. Said as one sentence naming the thing and this
 * runtime's Flink, instead of the JVM's exception name.
 */
final class UnknownFlink {
  private static final String FLINK = "org.apache.flink.";

  private UnknownFlink() {}

  /** What of Flink the failure says is missing, when it is that. */
  static Optional<String> missing(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      Optional<String> what = what(t);
      if (what.isPresent()) {
        return what;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return Optional.empty();
  }

  private static Optional<String> what(Throwable t) {
    if (t instanceof EnumConstantNotPresentException e
        && e.enumType().getName().startsWith(FLINK)) {
      return Optional.of("enum constant " + e.enumType().getSimpleName() + "." + e.constantName());
    }
    if (t instanceof TypeNotPresentException e && e.typeName().startsWith(FLINK)) {
      return Optional.of("class " + e.typeName());
    }
    if (t instanceof AnnotationTypeMismatchException e
        && e.element().getDeclaringClass().getName().startsWith(FLINK)) {
      return Optional.of(
          "attribute "
              + e.element().getName()
              + " of @"
              + e.element().getDeclaringClass().getSimpleName()
              + " as "
              + e.foundType());
    }
    if (t instanceof NoClassDefFoundError e && e.getMessage() != null) {
      String name = e.getMessage().replace('/', '.');
      if (name.startsWith(FLINK)) {
        return Optional.of("class " + name);
      }
    }
    if ((t instanceof NoSuchMethodError || t instanceof NoSuchFieldError)
        && String.valueOf(t.getMessage()).contains(FLINK)) {
      return Optional.of(
          (t instanceof NoSuchMethodError ? "method " : "field ") + t.getMessage().strip());
    }
    return Optional.empty();
  }

  /** The sentence for a class that uses it. */
  static String sentence(String className, String missing) {
    return "Class '"
        + className
        + "' uses "
        + missing
        + ", which Flink "
        + FlinkClassPath.running()
        + ", the one this shim runtime runs, does not have: it was compiled against another Flink;"
        + " build the shim for the Flink it compiles against (the project's Flink version), or"
        + " stop using it.";
  }
}
