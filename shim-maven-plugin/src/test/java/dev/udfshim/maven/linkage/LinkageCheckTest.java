package dev.udfshim.maven.linkage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.udfshim.maven.flink.FlinkVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The linkage check on class files javac writes: a UDF compiled against a newer "Flink" (a few
 * classes in Flink's packages, compiled here in two versions) checked against the older one.
 */
class LinkageCheckTest {
  @TempDir static Path dir;
  static Path older;
  static Path newer;
  static Path udf;

  private static final Map<String, String> OLDER = new LinkedHashMap<>();

  static {
    OLDER.put(
        "org/apache/flink/table/api/DataTypes.java",
        "package org.apache.flink.table.api;"
            + " public final class DataTypes { public static Object STRING() { return null; } }");
    OLDER.put(
        "org/apache/flink/table/annotation/ArgumentTrait.java",
        "package org.apache.flink.table.annotation; public enum ArgumentTrait { SCALAR }");
    OLDER.put(
        "org/apache/flink/table/annotation/ArgumentHint.java",
        "package org.apache.flink.table.annotation; import java.lang.annotation.*;"
            + " @Retention(RetentionPolicy.RUNTIME) public @interface ArgumentHint {"
            + " ArgumentTrait[] value() default {}; String name() default \"\"; }");
    OLDER.put(
        "org/apache/flink/table/functions/ScalarFunction.java",
        "package org.apache.flink.table.functions;"
            + " public abstract class ScalarFunction { public void open() {} }");
  }

  @BeforeAll
  static void compile() throws IOException {
    older = compile("older", OLDER, List.of());
    Map<String, String> newerSources = new LinkedHashMap<>(OLDER);
    newerSources.put(
        "org/apache/flink/table/api/DataTypes.java",
        "package org.apache.flink.table.api; public final class DataTypes {"
            + " public static Object STRING() { return null; }"
            + " public static Object VARIANT() { return null; } }");
    newerSources.put(
        "org/apache/flink/types/variant/Variant.java",
        "package org.apache.flink.types.variant; public interface Variant { boolean isNull(); }");
    newerSources.put(
        "org/apache/flink/table/annotation/ArgumentTrait.java",
        "package org.apache.flink.table.annotation;"
            + " public enum ArgumentTrait { SCALAR, SUPPORT_UPDATES }");
    newerSources.put(
        "org/apache/flink/table/annotation/ArgumentHint.java",
        "package org.apache.flink.table.annotation; import java.lang.annotation.*;"
            + " @Retention(RetentionPolicy.RUNTIME) public @interface ArgumentHint {"
            + " ArgumentTrait[] value() default {}; String name() default \"\";"
            + " boolean isOptional() default false; }");
    newerSources.put(
        "org/apache/flink/table/functions/ScalarFunction.java",
        "package org.apache.flink.table.functions; public abstract class ScalarFunction {"
            + " public void open() {} public boolean supportsConstantFolding() { return true; } }");
    newer = compile("newer", newerSources, List.of());
    udf =
        compile(
            "udf",
            Map.of(
                "com/example/Udf.java",
                "package com.example;"
                    + " import org.apache.flink.table.annotation.*;"
                    + " import org.apache.flink.table.api.DataTypes;"
                    + " import org.apache.flink.table.functions.ScalarFunction;"
                    + " import org.apache.flink.types.variant.Variant;"
                    + " import java.util.function.Supplier;"
                    + " public class Udf extends ScalarFunction {"
                    + "   public String eval(@ArgumentHint(value = ArgumentTrait.SUPPORT_UPDATES,"
                    + "       isOptional = true) String s) {"
                    + "     Supplier<Object> type = DataTypes::VARIANT;"
                    + "     open();"
                    + "     return s + DataTypes.STRING() + supportsConstantFolding();"
                    + "   }"
                    + "   public boolean isNull(Variant v) { return v.isNull(); }"
                    + " }",
                "com/example/Fine.java",
                "package com.example;"
                    + " public class Fine extends org.apache.flink.table.functions.ScalarFunction {"
                    + "   public String eval(String s) { open(); return s; } }"),
            List.of(newer));
  }

  @Test
  void everythingOfANewerFlinkThatAClassUsesIsNamedOnceWithWhereItIsUsed() throws IOException {
    List<String> missing = new ArrayList<>();
    try (LinkageCheck check = new LinkageCheck(List.of(udf), List.of(older), LinkageCheck.FLINK)) {
      check
          .missing()
          .forEach(m -> missing.add(m.userClass() + " | " + m.member().text() + " | " + m.where()));
    }
    assertThat(missing)
        .containsExactlyInAnyOrder(
            "com.example.Udf | enum constant"
                + " org.apache.flink.table.annotation.ArgumentTrait.SUPPORT_UPDATES | eval",
            "com.example.Udf | attribute isOptional of"
                + " @org.apache.flink.table.annotation.ArgumentHint | eval",
            "com.example.Udf | method org.apache.flink.table.api.DataTypes.VARIANT() | eval",
            "com.example.Udf | method"
                + " org.apache.flink.table.functions.ScalarFunction.supportsConstantFolding() | eval",
            "com.example.Udf | class org.apache.flink.types.variant.Variant | isNull");
  }

  @Test
  void theFlinkItWasCompiledAgainstHasEverything() throws IOException {
    try (LinkageCheck check = new LinkageCheck(List.of(udf), List.of(newer), LinkageCheck.FLINK)) {
      assertThat(check.missing()).isEmpty();
    }
  }

  @Test
  void anotherFlinkIsAskedForTheMissingMembersOnly() throws IOException {
    List<Member> members;
    try (LinkageCheck check = new LinkageCheck(List.of(udf), List.of(older), LinkageCheck.FLINK)) {
      members = check.missing().stream().map(Missing::member).toList();
    }
    assertThat(LinkageCheck.presentIn(members, List.of(newer)))
        .containsExactlyInAnyOrderElementsOf(members);
    assertThat(LinkageCheck.presentIn(members, List.of(older))).isEmpty();
  }

  @Test
  void theSentenceNamesTheClassTheMemberWhereAndTheFlinkLinesThatHaveIt() {
    Missing missing =
        new Missing(
            "com.example.Udf",
            new Member(Member.Kind.CLASS, "org/apache/flink/types/variant/Variant", "", ""),
            "eval");
    FlinkVersion runtime = FlinkVersion.parse("1.20.3").orElseThrow();
    assertThat(FlinkLinkage.sentence(missing, runtime, List.of("2.1", "2.2", "2.3"), List.of()))
        .isEqualTo(
            "com.example.Udf uses class org.apache.flink.types.variant.Variant (in eval), which"
                + " Flink 1.20.3, the one the shim runtime runs, does not have; Flink 2.1, 2.2"
                + " and 2.3 have it: build for one of those (the Flink the project compiles"
                + " against, or shim.flinkVersion), or stop using it.");
    assertThat(FlinkLinkage.sentence(missing, runtime, List.of(), List.of("2.3.0")))
        .isEqualTo(
            "com.example.Udf uses class org.apache.flink.types.variant.Variant (in eval), which"
                + " Flink 1.20.3, the one the shim runtime runs, does not have, nor does any"
                + " other Flink the shim supports (2.3.0 could not be resolved to check); stop"
                + " using it.");
  }

  private static Path compile(String name, Map<String, String> sources, List<Path> classPath)
      throws IOException {
    Path src = Files.createDirectories(dir.resolve(name + "-src"));
    Path out = Files.createDirectories(dir.resolve(name));
    List<String> files = new ArrayList<>();
    for (Map.Entry<String, String> source : sources.entrySet()) {
      Path file = src.resolve(source.getKey());
      Files.createDirectories(file.getParent());
      Files.writeString(file, source.getValue());
      files.add(file.toString());
    }
    List<String> arguments = new ArrayList<>(List.of("-d", out.toString(), "--release", "17"));
    if (!classPath.isEmpty()) {
      arguments.addAll(
          List.of(
              "-cp",
              String.join(
                  java.io.File.pathSeparator, classPath.stream().map(Path::toString).toList())));
    }
    arguments.addAll(files);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    assertThat(javac.run(null, null, null, arguments.toArray(String[]::new)))
        .as("javac " + name)
        .isZero();
    try (Stream<Path> classes = Files.walk(out)) {
      assertThat(classes.filter(p -> p.toString().endsWith(".class")).count()).isPositive();
    }
    return out;
  }
}
