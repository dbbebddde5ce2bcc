package dev.udfshim.maven.archive;

import dev.udfshim.maven.PluginVersions;
import dev.udfshim.maven.project.ProjectContext;
import dev.udfshim.maven.resolution.RuntimeResolver;
import dev.udfshim.tooling.ArchivePlan;
import dev.udfshim.tooling.Jar;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import javax.inject.Inject;
import javax.inject.Named;
import javax.inject.Singleton;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.logging.Log;

/**
 * plexus-archiver, loaded when a zip is written. It is not in the plugin's class realm: Maven
 * indexes the components of every jar of a plugin's realm when it loads the plugin, and
 * plexus-archiver's 91 cost every build about 180 ms, also the builds where nothing changed and no
 * zip is written. So it is resolved (once per build, and read from the last resolution where that
 * cannot have changed) and loaded with the one class that uses it, in a loader that shares only the
 * plan's and the writer's types and the logging API with the plugin.
 */
@Named
@Singleton
public final class ZipWriters {
  private final RuntimeResolver resolver;

  @Inject
  public ZipWriters(RuntimeResolver resolver) {
    this.resolver = resolver;
  }

  /** A writer, open until closed. */
  public interface Open extends ZipWriter, AutoCloseable {
    @Override
    void close() throws IOException;
  }

  public Open open(ProjectContext project, Log log) throws MojoExecutionException {
    List<Jar> jars = resolver.archiverJars(project, log);
    List<URL> urls = new ArrayList<>();
    try {
      for (Jar jar : jars) {
        urls.add(jar.file().toUri().toURL());
      }
      urls.add(PluginVersions.pluginJar().toUri().toURL());
    } catch (MalformedURLException e) {
      throw new MojoExecutionException("Not a class path entry: " + e.getMessage(), e);
    }
    Loader loader = new Loader(urls.toArray(URL[]::new));
    ZipWriter writer =
        ServiceLoader.load(ZipWriter.class, loader)
            .findFirst()
            .orElseThrow(() -> new MojoExecutionException("The plugin's zip writer is missing."));
    return new Open() {
      @Override
      public int write(Path zip, ArchivePlan plan, Path workDirectory, java.time.Instant time)
          throws IOException {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
          return writer.write(zip, plan, workDirectory, time);
        } finally {
          thread.setContextClassLoader(previous);
        }
      }

      @Override
      public void close() throws IOException {
        loader.close();
      }
    };
  }

  /** plexus-archiver and the writer; the plan, the writer's interface and SLF4J from the plugin. */
  private static final class Loader extends URLClassLoader {
    private static final ClassLoader PLUGIN = ZipWriter.class.getClassLoader();

    static {
      registerAsParallelCapable();
    }

    Loader(URL[] urls) {
      super("shim-zip", urls, ClassLoader.getPlatformClassLoader());
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      if (name.equals(ZipWriter.class.getName())
          || name.startsWith(ArchivePlan.class.getPackageName() + ".")
          || name.startsWith("org.slf4j.")) {
        return PLUGIN.loadClass(name);
      }
      return super.loadClass(name, resolve);
    }
  }
}
