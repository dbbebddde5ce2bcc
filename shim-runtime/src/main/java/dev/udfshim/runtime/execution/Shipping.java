package dev.udfshim.runtime.execution;

import dev.udfshim.runtime.handler.Failures;
import dev.udfshim.runtime.handler.HandlerException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.lang.reflect.Field;
import java.lang.reflect.InaccessibleObjectException;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.table.functions.UserDefinedFunction;

/**
 * What Flink does to a function before its task opens it: a Java serialization round trip (the
 * planner builds the instance, the job ships it). A field declared {@code transient} and set by the
 * constructor or at its declaration then holds null, so a UDF that works without the trip fails in
 * Flink; the copy says which such fields it lost, for the sentence of a failure they cause.
 */
final class Shipping {
  private Shipping() {}

  /**
   * The function after the round trip.
   *
   * @param lostFields the transient fields the constructor set that the copy holds as null
   */
  record Shipped(UserDefinedFunction function, List<String> lostFields) {
    /** Appended to a failure of the shipped function: why it may have failed, and the fix. */
    String hint() {
      if (lostFields.isEmpty()) {
        return "";
      }
      return " (its transient field"
          + (lostFields.size() == 1 ? " " : "s ")
          + String.join(", ", lostFields)
          + ", set by the constructor, "
          + (lostFields.size() == 1 ? "is" : "are")
          + " null after the Java serialization round trip that Flink ships functions with:"
          + " create "
          + (lostFields.size() == 1 ? "it" : "them")
          + " in open(), or test without the trip: UdfTester's withoutSerialization())";
    }
  }

  static Shipped roundTrip(UserDefinedFunction function, ClassLoader loader)
      throws HandlerException {
    String className = function.getClass().getName();
    UserDefinedFunction copy;
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
        out.writeObject(function);
      }
      try (ObjectInputStream in = new LoaderInputStream(bytes.toByteArray(), loader)) {
        copy = (UserDefinedFunction) in.readObject();
      }
    } catch (IOException | ClassNotFoundException | RuntimeException e) {
      throw new HandlerException(
          "'"
              + className
              + "' does not survive the Java serialization round trip that Flink ships functions"
              + " with ("
              + Failures.describe(e)
              + "); mark fields that cannot be serialized transient and create them in open().",
          e);
    }
    return new Shipped(copy, lost(function, copy));
  }

  private static List<String> lost(Object original, Object copy) {
    List<String> lost = new ArrayList<>();
    for (Class<?> c = original.getClass();
        c != null && !c.getName().startsWith("org.apache.flink.");
        c = c.getSuperclass()) {
      for (Field field : c.getDeclaredFields()) {
        int modifiers = field.getModifiers();
        if (!Modifier.isTransient(modifiers)
            || Modifier.isStatic(modifiers)
            || field.getType().isPrimitive()) {
          continue;
        }
        try {
          field.setAccessible(true);
          if (field.get(original) != null && field.get(copy) == null) {
            lost.add(field.getName());
          }
        } catch (IllegalAccessException | InaccessibleObjectException e) {
          // a field we may not read: no hint about it
        }
      }
    }
    return lost;
  }

  /** Resolves the function's classes in the UDF's loader, as Flink's task does. */
  private static final class LoaderInputStream extends ObjectInputStream {
    private final ClassLoader loader;

    LoaderInputStream(byte[] bytes, ClassLoader loader) throws IOException {
      super((InputStream) new ByteArrayInputStream(bytes));
      this.loader = loader;
    }

    @Override
    protected Class<?> resolveClass(ObjectStreamClass descriptor)
        throws IOException, ClassNotFoundException {
      try {
        return Class.forName(descriptor.getName(), false, loader);
      } catch (ClassNotFoundException e) {
        return super.resolveClass(descriptor);
      }
    }
  }
}
