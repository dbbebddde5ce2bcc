package dev.udfshim.maven.isolation;

import dev.udfshim.tooling.Jar;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.maven.execution.AbstractExecutionListener;
import org.apache.maven.execution.ExecutionEvent;
import org.apache.maven.execution.ExecutionListener;
import org.apache.maven.execution.MavenExecutionRequest;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.logging.Log;
import org.apache.maven.project.MavenProject;

/**
 * Ties {@link SharedRuntimes} to one Maven build. The instance lives in the build's repository
 * session data, keyed by this class, so each build (also in a daemon that keeps the plugin loaded)
 * and each plugin realm has its own. A plain plugin gets no lifecycle callbacks, so the instance
 * joins the build's execution listener chain, which Maven reads for every event: it closes a
 * project's loader when that project's build ends, and whatever is left when the build ends. It
 * also keeps the build's resolution of the runtime's jars.
 */
public final class SessionRuntimes implements ExecutionListener {
  private final ExecutionListener next;
  private final SharedRuntimes runtimes;
  private final Map<String, List<Jar>> resolved = new ConcurrentHashMap<>();
  private final Log log;

  private SessionRuntimes(ExecutionListener next, SharedRuntimes runtimes, Log log) {
    this.next = next != null ? next : new AbstractExecutionListener() {};
    this.runtimes = runtimes;
    this.log = log;
  }

  /** How the runtime's jars are resolved when this build has not resolved them yet. */
  @FunctionalInterface
  public interface Resolution {
    List<Jar> resolve() throws MojoExecutionException;
  }

  /** The shared runtimes of this build. */
  public static SharedRuntimes of(MavenSession session, Log log) {
    return instance(session, log).runtimes;
  }

  /**
   * The runtime's jars, resolved once per build and set of repositories: the goals of every project
   * ask for the same artifact at the plugin's own version.
   */
  public static List<Jar> runtimeJars(
      MavenSession session, Log log, String repositories, Resolution resolution)
      throws MojoExecutionException {
    Map<String, List<Jar>> resolved = instance(session, log).resolved;
    // Held while resolving, so the projects of a parallel build that miss together resolve once.
    synchronized (resolved) {
      List<Jar> jars = resolved.get(repositories);
      if (jars == null) {
        jars = List.copyOf(resolution.resolve());
        resolved.put(repositories, jars);
      }
      return jars;
    }
  }

  /** This build's instance; the first call joins the listener chain. */
  private static SessionRuntimes instance(MavenSession session, Log log) {
    Object key = SessionRuntimes.class;
    MavenExecutionRequest request = session.getRequest();
    // Parallel builds clone the session but share the request and its repository session.
    synchronized (request) {
      Object existing = session.getRepositorySession().getData().get(key);
      if (existing != null) {
        return (SessionRuntimes) existing;
      }
      SessionRuntimes created =
          new SessionRuntimes(request.getExecutionListener(), new SharedRuntimes(log::debug), log);
      session.getRepositorySession().getData().set(key, created);
      request.setExecutionListener(created);
      return created;
    }
  }

  /** The key of a project in {@link SharedRuntimes}, as {@code ProjectContext#key()} makes it. */
  public static String projectKey(MavenProject project) {
    return project.getGroupId()
        + ":"
        + project.getArtifactId()
        + ":"
        + project.getVersion()
        + " ("
        + project.getBasedir()
        + ")";
  }

  private void closeProject(ExecutionEvent event) {
    if (event.getProject() == null) {
      return;
    }
    try {
      runtimes.close(projectKey(event.getProject()));
    } catch (IOException e) {
      log.warn("Cannot close the shim runtime class loader: " + e.getMessage());
    }
  }

  @Override
  public void projectSucceeded(ExecutionEvent event) {
    closeProject(event);
    next.projectSucceeded(event);
  }

  @Override
  public void projectFailed(ExecutionEvent event) {
    closeProject(event);
    next.projectFailed(event);
  }

  @Override
  public void sessionEnded(ExecutionEvent event) {
    try {
      runtimes.closeAll();
    } catch (IOException e) {
      log.warn("Cannot close the shim runtime class loaders: " + e.getMessage());
    }
    next.sessionEnded(event);
  }

  // Everything else only passes on.

  @Override
  public void projectDiscoveryStarted(ExecutionEvent event) {
    next.projectDiscoveryStarted(event);
  }

  @Override
  public void sessionStarted(ExecutionEvent event) {
    next.sessionStarted(event);
  }

  @Override
  public void projectSkipped(ExecutionEvent event) {
    next.projectSkipped(event);
  }

  @Override
  public void projectStarted(ExecutionEvent event) {
    next.projectStarted(event);
  }

  @Override
  public void mojoSkipped(ExecutionEvent event) {
    next.mojoSkipped(event);
  }

  @Override
  public void mojoStarted(ExecutionEvent event) {
    next.mojoStarted(event);
  }

  @Override
  public void mojoSucceeded(ExecutionEvent event) {
    next.mojoSucceeded(event);
  }

  @Override
  public void mojoFailed(ExecutionEvent event) {
    next.mojoFailed(event);
  }

  @Override
  public void forkStarted(ExecutionEvent event) {
    next.forkStarted(event);
  }

  @Override
  public void forkSucceeded(ExecutionEvent event) {
    next.forkSucceeded(event);
  }

  @Override
  public void forkFailed(ExecutionEvent event) {
    next.forkFailed(event);
  }

  @Override
  public void forkedProjectStarted(ExecutionEvent event) {
    next.forkedProjectStarted(event);
  }

  @Override
  public void forkedProjectSucceeded(ExecutionEvent event) {
    next.forkedProjectSucceeded(event);
  }

  @Override
  public void forkedProjectFailed(ExecutionEvent event) {
    next.forkedProjectFailed(event);
  }
}
