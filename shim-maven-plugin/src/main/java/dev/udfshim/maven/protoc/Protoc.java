package dev.udfshim.maven.protoc;

import dev.udfshim.maven.resolution.RepositoryToolResolver;
import javax.inject.Inject;
import javax.inject.Named;
import javax.inject.Singleton;
import org.apache.maven.plugin.logging.Log;
import org.eclipse.aether.RepositorySystem;

/**
 * Runs {@link ProtocGenerator} with the tools from the project's repositories, and adds the
 * generated sources to the project.
 */
@Named
@Singleton
public final class Protoc {
  private final RepositorySystem system;

  @Inject
  public Protoc(RepositorySystem system) {
    this.system = system;
  }

  public void generate(ProtocGoal goal, Log log) throws ProtocException {
    ToolResolver resolver =
        new RepositoryToolResolver(
            system, goal.project().repositorySession(), goal.project().repositories());
    ProtocGenerator.Outcome outcome =
        new ProtocGenerator(resolver, ProtocPlatform.current(), log::info).generate(goal.protoc());
    if (outcome != ProtocGenerator.Outcome.NO_SOURCES) {
      goal.project().project().addCompileSourceRoot(goal.protoc().javaOutput().toString());
    }
  }
}
