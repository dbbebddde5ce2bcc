package dev.udfshim.maven.isolation;

import dev.udfshim.tooling.ShimTooling;
import dev.udfshim.tooling.ToolingException;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
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

  private static final String SERVICE_FILE = "META-INF/services/" + ShimTooling.class.getName();

  private final Loader loader;
  private ShimTooling tooling;

  /**
   * Runtime jars first, so the shim's own Flink wins over anything the project brings.
   *
   * @param classPath the class path, shim-runtime's own jar first (the root of its resolution): it
   *     registers the runtime's {@link ShimTooling}
   */
  public IsolatedRuntime(List<Path> classPath) {
    this.loader = new Loader(urls(classPath), urls(classPath.subList(0, 1)));
  }

  private static URL[] urls(List<Path> paths) {
    List<URL> urls = new ArrayList<>();
    for (Path entry : paths) {
      try {
        urls.add(entry.toUri().toURL());
      } catch (MalformedURLException e) {
        throw new IllegalArgumentException("Not a class path entry: " + entry, e);
      }
    }
    return urls.toArray(URL[]::new);
  }

  /**
   * Isolated, but for the API package: parent-first to the plugin's loader for that one. The
   * runtime's registration is looked up in the runtime's own jar: asking every jar for it opens
   * each one's index (50 jars, about 100 ms) before the build needs a class of them, and a build
   * where nothing changed needs none.
   */
  private static final class Loader extends URLClassLoader {
    static {
      registerAsParallelCapable();
    }

    private final URL[] registry;

    Loader(URL[] urls, URL[] registry) {
      super("shim-isolated", urls, ClassLoader.getPlatformClassLoader());
      this.registry = registry;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      if (name.startsWith(API_PACKAGE)) {
        return ShimTooling.class.getClassLoader().loadClass(name);
      }
      return super.loadClass(name, resolve);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
      if (!name.equals(SERVICE_FILE)) {
        return super.getResources(name);
      }
      try (URLClassLoader jar = new URLClassLoader(registry, null)) {
        URL found = jar.findResource(name);
        return Collections.enumeration(found == null ? List.of() : List.of(found));
      }
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
