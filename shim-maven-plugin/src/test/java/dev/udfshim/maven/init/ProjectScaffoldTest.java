package dev.udfshim.maven.init;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectScaffoldTest {
  private static final Map<String, String> VERSIONS =
      Map.ofEntries(
          Map.entry("shim.version", "9.9.9"),
          Map.entry("flink.version", "2.0.1"),
          Map.entry("junit.version", "5.14.1"),
          Map.entry("slf4j.version", "2.0.17"),
          Map.entry("log4j.version", "2.25.3"),
          Map.entry("maven-clean-plugin.version", "3.4.1"),
          Map.entry("maven-resources-plugin.version", "3.3.1"),
          Map.entry("maven-compiler-plugin.version", "3.14.0"),
          Map.entry("maven-surefire-plugin.version", "3.5.4"),
          Map.entry("maven-jar-plugin.version", "3.4.2"),
          Map.entry("maven-install-plugin.version", "3.1.4"),
          Map.entry("maven-deploy-plugin.version", "3.1.4"));

  @TempDir Path parent;

  private static ProjectScaffold.Request request(String artifactId, String packageName) {
    return new ProjectScaffold.Request(
        "com.acme", artifactId, "1.0.0", packageName, "2026-01-01T00:00:00Z", VERSIONS);
  }

  @Test
  void writesAPomTwoUdfsTheirTestsAndAReadme() throws Exception {
    assertThat(new ProjectScaffold().write(parent, request("acme-udfs", "com.acme.udfs")))
        .containsExactly(
            "pom.xml",
            "README.md",
            ".gitignore",
            "src/main/java/com/acme/udfs/AddOne.java",
            "src/main/java/com/acme/udfs/SplitWords.java",
            "src/test/java/com/acme/udfs/AddOneTest.java",
            "src/test/java/com/acme/udfs/SplitWordsTest.java");
    Path project = parent.resolve("acme-udfs");
    String pom = Files.readString(project.resolve("pom.xml"));
    assertThat(pom)
        .contains("<groupId>com.acme</groupId>")
        .contains("<artifactId>acme-udfs</artifactId>")
        .contains(
            "<project.build.outputTimestamp>2026-01-01T00:00:00Z</project.build.outputTimestamp>")
        .contains("<shim.version>9.9.9</shim.version>")
        .contains("<artifactId>maven-jar-plugin</artifactId>\n          <version>3.4.2</version>")
        .contains("<artifactId>flink-table-common</artifactId>")
        .contains("<artifactId>log4j-api</artifactId>\n      <version>2.25.3</version>")
        .doesNotContain("@");
    assertThat(Files.readString(project.resolve("src/main/java/com/acme/udfs/AddOne.java")))
        .startsWith("package com.acme.udfs;\n");
    assertThat(Files.readString(project.resolve("README.md")))
        .contains("mvn shim:invoke -Dfunction=com.acme.udfs.AddOne -Dargs=1,2")
        .doesNotContainPattern("@[a-zA-Z.]+@");
  }

  @Test
  void neverOverwritesAnExistingFolder() throws Exception {
    Files.createDirectories(parent.resolve("taken"));
    Files.writeString(parent.resolve("taken/pom.xml"), "mine");
    assertThatThrownBy(() -> new ProjectScaffold().write(parent, request("taken", "com.acme")))
        .isInstanceOf(ScaffoldException.class)
        .hasMessage(
            parent.resolve("taken")
                + " already exists, and init never overwrites a project; choose another"
                + " -DartifactId, or run init in another folder.");
    assertThat(Files.readString(parent.resolve("taken/pom.xml"))).isEqualTo("mine");
  }

  @Test
  void badNamesAreOneSentence() {
    assertThatThrownBy(() -> new ProjectScaffold().write(parent, request("a/b", "com.acme")))
        .hasMessage(
            "-DartifactId=a/b is not a Maven coordinate; pass letters, digits, '.', '_' or '-',"
                + " e.g. -DgroupId=com.example -DartifactId=my-udfs.");
    assertThatThrownBy(() -> new ProjectScaffold().write(parent, request(null, "com.acme")))
        .hasMessageStartingWith("-DartifactId is missing; pass letters");
    assertThatThrownBy(() -> new ProjectScaffold().write(parent, request("x", "com.my-co")))
        .hasMessage(
            "'com.my-co' is not a Java package name; pass one with -Dpackage=com.example.udfs.");
    assertThat(parent.resolve("x")).doesNotExist();
  }
}
