package dev.udfshim.maven.isolation;

import dev.udfshim.tooling.ShimTooling;
import dev.udfshim.tooling.ToolingException;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * The shim runtime and the project in a class loader of their own, whose parent is the JVM's
 * platform loader: extraction sees exactly the classes the deployed shim sees, not Maven's or this
 * plugin's. One package crosses: the tooling API ({@link ShimTooling} and its records) comes from
 * the plugin's own loader, so both sides use the same types; the runtime's implementation is found
 * with {@link ServiceLoader}.
 */
public final class IsolatedRuntime implements AutoCloseable {
  private static final String API_PACKAGE = ShimTooling.class.getPackageName() + ".";

  /** One call into the runtime. */
  @FunctionalInterface
  public interface Call<T> {
    T on(ShimTooling tooling) throws ToolingException;
  }

  private final Loader loader;
  private ShimTooling tooling;

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
    this.loader = new Loader(urls.toArray(URL[]::new));
  }

  /** Isolated, but for the API package: parent-first to the plugin's loader for that one. */
  private static final class Loader extends URLClassLoader {
    static {
      registerAsParallelCapable();
    }

    Loader(URL[] urls) {
      super("shim-isolated", urls, ClassLoader.getPlatformClassLoader());
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      if (name.startsWith(API_PACKAGE)) {
        return ShimTooling.class.getClassLoader().loadClass(name);
      }
      return super.loadClass(name, resolve);
    }
  }

  public ClassLoader loader() {
    return loader;
  }

  /**
   * Calls the runtime with the isolated loader as context loader (Flink and the UDFs may use it). A
   * refusal comes back as it is; anything else the runtime throws becomes an IsolationException.
   */
  public <T> T call(Call<T> call) throws ToolingException, IsolationException {
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(loader);
    try {
      return call.on(tooling());
    } catch (RuntimeException | LinkageError e) {
      throw new IsolationException("The shim runtime failed: " + e, e);
    } finally {
      thread.setContextClassLoader(previous);
    }
  }

  private synchronized ShimTooling tooling() throws IsolationException {
    if (tooling == null) {
      try {
        tooling =
            ServiceLoader.load(ShimTooling.class, loader)
                .findFirst()
                .orElseThrow(
                    () ->
                        new IsolationException(
                            "The shim runtime on this class path implements no "
                                + ShimTooling.class.getName()
                                + "; the plugin and shim-runtime versions must be equal.",
                            null));
      } catch (ServiceConfigurationError e) {
        throw new IsolationException(
            "The shim runtime on this class path has no usable "
                + ShimTooling.class.getName()
                + " ("
                + e.getMessage()
                + "); the plugin and shim-runtime versions must be equal.",
            e);
      }
    }
    return tooling;
  }

  @Override
  public void close() throws IOException {
    loader.close();
  }
}
