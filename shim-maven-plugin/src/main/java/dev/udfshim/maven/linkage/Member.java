package dev.udfshim.maven.linkage;

import java.util.Arrays;
import java.util.stream.Collectors;
import org.objectweb.asm.Type;

/**
 * A class or a member of one that a class file names: what must exist when the class links.
 *
 * @param owner the internal name of the class ({@code org/apache/flink/types/variant/Variant})
 * @param name the member's name; empty for a class
 * @param descriptor the member's descriptor; empty for a class or an annotation attribute
 */
public record Member(Kind kind, String owner, String name, String descriptor) {

  /** What kind of thing is named. */
  public enum Kind {
    CLASS,
    METHOD,
    FIELD,
    ENUM_CONSTANT,
    ANNOTATION_ATTRIBUTE
  }

  static Member ofClass(String owner) {
    return new Member(Kind.CLASS, owner, "", "");
  }

  /** Whether it resolves in this pool; UNKNOWN when part of the owner's hierarchy is missing. */
  ClassPool.Found in(ClassPool pool) {
    if (!pool.exists(owner)) {
      return ClassPool.Found.NO;
    }
    return switch (kind) {
      case CLASS -> ClassPool.Found.YES;
      case METHOD -> pool.method(owner, name, descriptor);
      case FIELD, ENUM_CONSTANT -> pool.field(owner, name, descriptor);
      case ANNOTATION_ATTRIBUTE -> pool.attribute(owner, name);
    };
  }

  /**
   * As a Java programmer names it, e.g. {@code method
   * org.apache.flink.table.api.DataTypes.VARIANT()}.
   */
  public String text() {
    String type = Type.getObjectType(owner).getClassName();
    return switch (kind) {
      case CLASS -> "class " + type;
      case FIELD -> "field " + type + "." + name;
      case ENUM_CONSTANT -> "enum constant " + type + "." + name;
      case ANNOTATION_ATTRIBUTE -> "attribute " + name + " of @" + type;
      case METHOD ->
          (name.equals("<init>") ? "constructor " + type : "method " + type + "." + name)
              + "("
              + Arrays.stream(Type.getArgumentTypes(descriptor))
                  .map(Member::simpleName)
                  .collect(Collectors.joining(", "))
              + ")";
    };
  }

  private static String simpleName(Type type) {
    String name = type.getClassName();
    return name.substring(name.lastIndexOf('.') + 1);
  }
}
