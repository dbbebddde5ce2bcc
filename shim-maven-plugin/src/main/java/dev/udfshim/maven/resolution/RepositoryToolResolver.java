package dev.udfshim.maven.resolution;

import dev.udfshim.maven.protoc.ProtocException;
import dev.udfshim.maven.protoc.ToolResolver;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactRequest;
import org.eclipse.aether.resolution.ArtifactResolutionException;

/** Resolves native tools through Maven's own repository system and the project's repositories. */
public final class RepositoryToolResolver implements ToolResolver {
  private final RepositorySystem system;
  private final RepositorySystemSession session;
  private final List<RemoteRepository> repositories;

  public RepositoryToolResolver(
      RepositorySystem system, RepositorySystemSession session, List<RemoteRepository> repos) {
    this.system = system;
    this.session = session;
    this.repositories = repos;
  }

  @Override
  public Path resolve(String groupId, String artifactId, String version, String classifier)
      throws ProtocException {
    return resolve(new DefaultArtifact(groupId, artifactId, classifier, "exe", version));
  }

  @Override
  public Path resolveJar(String groupId, String artifactId, String version) throws ProtocException {
    return resolve(new DefaultArtifact(groupId, artifactId, "", "jar", version));
  }

  private Path resolve(DefaultArtifact artifact) throws ProtocException {
    try {
      return system
          .resolveArtifact(session, new ArtifactRequest(artifact, repositories, null))
          .getArtifact()
          .getFile()
          .toPath();
    } catch (ArtifactResolutionException e) {
      throw new ProtocException(
          "Cannot resolve "
              + artifact
              + " from the Maven repositories ("
              + e.getMessage()
              + "); check the version and that Maven Central (or a mirror of it) is reachable.",
          e);
    }
  }
}
