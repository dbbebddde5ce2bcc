package dev.udfshim.maven.isolation;

/**
 * The shim runtime's build-tool entry points ({@code static String method(String json)}), wherever
 * the runtime runs: in a class loader of this JVM, or in a JVM of its own.
 */
public interface RuntimeCalls {

  /** Calls {@code className.method(argument)} in the runtime and returns its answer. */
  String call(String className, String method, String argument) throws IsolationException;
}
