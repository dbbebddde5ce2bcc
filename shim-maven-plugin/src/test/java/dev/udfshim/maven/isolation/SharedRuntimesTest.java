package dev.udfshim.maven.isolation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SharedRuntimesTest {
  @TempDir Path dir;
  private final List<String> log = new ArrayList<>();
  private final SharedRuntimes runtimes = new SharedRuntimes(log::add);

  /** A class path entry with one resource, so a closed loader is told from an open one. */
  private List<Path> classPath(String name) throws Exception {
    Path folder = Files.createDirectories(dir.resolve(name));
    Files.writeString(folder.resolve("marker.txt"), name);
    return List.of(folder);
  }

  @Test
  void theGoalsOfAProjectShareItsLoader() throws Exception {
    List<Path> path = classPath("a");
    IsolatedRuntime extract = runtimes.get("p", path, "d1");
    IsolatedRuntime genSpec = runtimes.get("p", path, "d1");

    assertThat(genSpec).isSameAs(extract);
    assertThat(log)
        .containsExactly(
            "Opened the shim runtime class loader of p (1 entries)",
            "Reusing the shim runtime class loader of p");
  }

  @Test
  void projectsNeverShareALoader() throws Exception {
    List<Path> path = classPath("a");
    assertThat(runtimes.get("p", path, "d1")).isNotSameAs(runtimes.get("q", path, "d1"));
    assertThat(runtimes.open()).containsExactlyInAnyOrder("p", "q");
  }

  @Test
  void changedClassesOrClassPathGiveANewLoaderAndCloseTheOld() throws Exception {
    IsolatedRuntime first = runtimes.get("p", classPath("a"), "d1");
    IsolatedRuntime recompiled = runtimes.get("p", classPath("a"), "d2");
    assertThat(recompiled).isNotSameAs(first);
    assertClosed(first);

    IsolatedRuntime otherPath = runtimes.get("p", classPath("b"), "d2");
    assertThat(otherPath).isNotSameAs(recompiled);
    assertClosed(recompiled);
    assertThat(log).contains("Closed the outdated shim runtime class loader of p");
  }

  @Test
  void theEndOfAProjectClosesOnlyItsLoader() throws Exception {
    IsolatedRuntime p = runtimes.get("p", classPath("a"), "d");
    IsolatedRuntime q = runtimes.get("q", classPath("b"), "d");
    runtimes.close("p");

    assertClosed(p);
    assertThat(q.loader().getResource("marker.txt")).isNotNull();
    assertThat(runtimes.open()).containsExactly("q");
    runtimes.close("p"); // a second end, or a project without a loader, is nothing
  }

  @Test
  void theEndOfTheBuildClosesEverything() throws Exception {
    IsolatedRuntime p = runtimes.get("p", classPath("a"), "d");
    IsolatedRuntime q = runtimes.get("q", classPath("b"), "d");
    runtimes.closeAll();

    assertClosed(p);
    assertClosed(q);
    assertThat(runtimes.open()).isEmpty();
  }

  private static void assertClosed(IsolatedRuntime runtime) {
    // A closed URLClassLoader finds nothing more on its class path.
    assertThat(runtime.loader().getResource("marker.txt")).isNull();
  }
}
