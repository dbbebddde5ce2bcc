package dev.udfshim.runtime.handler;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.util.Map;
import java.util.TreeMap;

/** Finds a handler by alias or class name, as given to {@code --handler_name}. */
public final class HandlerRegistry {

  /** Short names accepted besides fully qualified class names. */
  public static final Map<String, String> ALIASES =
      new TreeMap<>(
          Map.of(
              "extraction", "dev.udfshim.runtime.extraction.ExtractionHandler",
              "ExtractionHandler", "dev.udfshim.runtime.extraction.ExtractionHandler",
              "execution", "dev.udfshim.runtime.execution.ExecutionHandler",
              "ExecutionHandler", "dev.udfshim.runtime.execution.ExecutionHandler"));

  private HandlerRegistry() {}

  /** The class name an alias stands for, or the name itself. */
  private static String className(String nameOrAlias) {
    return ALIASES.getOrDefault(nameOrAlias, nameOrAlias);
  }

  /** Creates the handler, or fails with a sentence that says what to pass instead. */
  public static Handler create(String nameOrAlias, ClassLoader loader) {
    String className = className(nameOrAlias);
    Class<?> type;
    try {
      type = Class.forName(className, true, loader);
    } catch (ClassNotFoundException | LinkageError e) {
      throw new IllegalArgumentException(
          "Unknown handler '"
              + nameOrAlias
              + "': pass one of "
              + String.join(", ", ALIASES.keySet())
              + ", or the class name of a "
              + Handler.class.getName()
              + " on the class path.");
    }
    if (!Handler.class.isAssignableFrom(type) || Modifier.isAbstract(type.getModifiers())) {
      throw new IllegalArgumentException(
          "Handler class '"
              + className
              + "' is not a concrete implementation of "
              + Handler.class.getName()
              + ".");
    }
    try {
      Constructor<?> constructor = type.getConstructor();
      return (Handler) constructor.newInstance();
    } catch (NoSuchMethodException | IllegalAccessException e) {
      throw new IllegalArgumentException(
          "Handler class '" + className + "' needs a public no-argument constructor.");
    } catch (InstantiationException | InvocationTargetException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw new IllegalArgumentException(
          "Handler class '" + className + "' could not be created: " + cause, cause);
    }
  }
}
