package dev.udfshim.maven.isolation;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The shim runtime and the project in a class loader of their own, whose parent is the JVM's
 * platform loader: extraction sees exactly the classes the deployed shim sees, not Maven's or this
 * plugin's. Calls cross the boundary as one static {@code String -> String} method, so no type is
 * shared between the two sides.
 */
public final class IsolatedRuntime implements RuntimeCalls, AutoCloseable {
  private final URLClassLoader loader;

  /** Runtime jars first, so the shim's own Flink wins over anything the project brings. */
  public IsolatedRuntime(List<Path> classPath) {
    List<URL> urls = new ArrayList<>();
    for (Path entry : classPath) {
      try {
        urls.add(entry.toUri().toURL());
      } catch (MalformedURLException e) {
        throw new IllegalArgumentException("Not a class path entry: " + entry, e);
      }
    }
    this.loader =
        new URLClassLoader(
            "shim-isolated", urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
  }

  public ClassLoader loader() {
    return loader;
  }

  /** Calls {@code className.method(argument)} with the isolated loader as context loader. */
  @Override
  public String call(String className, String method, String argument) throws IsolationException {
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(loader);
    try {
      Method entry = loader.loadClass(className).getMethod(method, String.class);
      return (String) entry.invoke(null, argument);
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      throw new IsolationException("The shim runtime failed in " + method + ": " + cause, cause);
    } catch (ReflectiveOperationException | LinkageError e) {
      throw new IsolationException(
          "The shim runtime on this class path has no usable "
              + className
              + "."
              + method
              + "(String) ("
              + e
              + "); the plugin and shim-runtime versions must be equal.",
          e);
    } finally {
      thread.setContextClassLoader(previous);
    }
  }

  @Override
  public void close() throws IOException {
    loader.close();
  }
}
