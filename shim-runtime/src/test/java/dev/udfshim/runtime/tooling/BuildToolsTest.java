package dev.udfshim.runtime.tooling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.udfshim.fixtures.Broken;
import dev.udfshim.fixtures.Clock;
import dev.udfshim.fixtures.Greeting;
import dev.udfshim.fixtures.Overloaded;
import dev.udfshim.fixtures.PrimitiveAdd;
import dev.udfshim.fixtures.SplitWords;
import dev.udfshim.protocol.spec.SpecCodec;
import dev.udfshim.runtime.handler.ConfigDirContext;
import dev.udfshim.runtime.handler.HandlerRegistry;
import dev.udfshim.runtime.server.HandlerHost;
import dev.udfshim.runtime.server.ShimServer;
import dev.udfshim.tooling.ArchivePlan;
import dev.udfshim.tooling.BuildLayout;
import dev.udfshim.tooling.ExtractAnswer;
import dev.udfshim.tooling.ExtractRequest;
import dev.udfshim.tooling.InvokeAnswer;
import dev.udfshim.tooling.InvokeRequest;
import dev.udfshim.tooling.Jar;
import dev.udfshim.tooling.LocalConfig;
import dev.udfshim.tooling.LocalConfigRequest;
import dev.udfshim.tooling.RuntimeArchiveRequest;
import dev.udfshim.tooling.ServeLaunch;
import dev.udfshim.tooling.ServeRequest;
import dev.udfshim.tooling.ShimArchiveRequest;
import dev.udfshim.tooling.ShimTooling;
import dev.udfshim.tooling.SpecAnswer;
import dev.udfshim.tooling.SpecRequest;
import dev.udfshim.tooling.ToolingException;
import dev.udfshim.tooling.UdfArchiveRequest;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runtime's side of the build tools' boundary, as the Maven plugin calls it. */
class BuildToolsTest {
  @TempDir Path dir;
  private final ShimTooling tooling = new BuildTools(getClass().getClassLoader());

  private ExtractAnswer extract(String... functions) {
    return tooling.extract(
        new ExtractRequest(dir.resolve("no-classes"), List.of(functions), dir.resolve("shim")));
  }

  @Test
  void serviceLoaderFindsTheFacade() {
    assertThat(ServiceLoader.load(ShimTooling.class).findFirst())
        .get()
        .isInstanceOf(BuildTools.class);
  }

  @Test
  void theLayoutIsTheArtifactsNames() {
    BuildLayout layout = tooling.layout(dir);
    assertThat(layout.signaturesFile()).isEqualTo(dir.resolve("signatures.json"));
    assertThat(layout.configDirectory()).isEqualTo(dir.resolve("scp_config"));
    assertThat(layout.localDirectory()).isEqualTo(dir.resolve("local"));
  }

  @Test
  void extractWritesTheSignaturesAndAnswersTheTableAndTheFailures() throws Exception {
    ExtractAnswer answer = extract(PrimitiveAdd.class.getName(), "does.not.Exist");

    assertThat(answer.signaturesFile()).isEqualTo(dir.resolve("shim/signatures.json")).exists();
    assertThat(answer.functions())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.className()).isEqualTo(PrimitiveAdd.class.getName());
              assertThat(f.signatures())
                  .singleElement()
                  .satisfies(
                      s ->
                          assertThat(s.text())
                              .isEqualTo("(a BIGINT NOT NULL, b INT NOT NULL) -> BIGINT NOT NULL"));
            });
    assertThat(answer.failures())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.code()).isEqualTo("USER_CODE_NOT_FOUND");
              assertThat(f.text())
                  .startsWith("does.not.Exist: USER_CODE_NOT_FOUND: Class 'does.not.Exist'");
            });
    assertThat(answer.table()).hasSize(3);
    assertThat(answer.table().get(0)).startsWith("FUNCTION").endsWith("DETERMINISTIC");
    assertThat(answer.table().get(1))
        .matches(
            "dev\\.udfshim\\.fixtures\\.PrimitiveAdd +0 +SCALAR +\\(a BIGINT NOT NULL, b INT NOT"
                + " NULL\\) +BIGINT NOT NULL +true");
    assertThat(answer.table().get(2))
        .as("a failing UDF has its row too")
        .matches("does\\.not\\.Exist +- +FAILED +USER_CODE_NOT_FOUND \\(the reason follows\\)");
    assertThat(tooling.readSignatures(dir.resolve("shim"))).isEqualTo(answer);
  }

  @Test
  void optionalArgumentsAreKeptAsFlinksInferenceHasThem() throws Exception {
    ExtractAnswer answer = extract(Greeting.class.getName());

    ExtractAnswer.Signature signature = answer.functions().get(0).signatures().get(0);
    assertThat(signature.argumentNames()).containsExactly("name", "greeting");
    assertThat(signature.argumentOptional()).containsExactly(false, true);
    assertThat(signature.text())
        .isEqualTo(
            "(name VARCHAR(2147483647), [greeting VARCHAR(2147483647)]) -> VARCHAR(2147483647)");
    assertThat(Files.readString(answer.signaturesFile()))
        .contains("\"argumentOptional\": [\n            false,\n            true\n          ]");
    assertThat(tooling.readSignatures(dir.resolve("shim"))).isEqualTo(answer);

    tooling.generateSpecs(new SpecRequest(dir.resolve("shim"), ""));
    String spec =
        Files.readString(
            dir.resolve("shim/scp_config/" + Greeting.class.getName() + "/0/spec_base64"));
    assertThat(SpecCodec.fromBase64(spec).argumentNames()).containsExactly("name", "greeting");
  }

  @Test
  void kindsThePlatformDoesNotHostAreRowsOfTheTableAndWarnings() throws Exception {
    Path classes = dir.resolve("classes");
    for (Class<?> type : List.of(PrimitiveAdd.class, Broken.Sum.class, Clock.class)) {
      Path file = classes.resolve(type.getName().replace('.', '/') + ".class");
      Files.createDirectories(file.getParent());
      Files.write(file, new byte[0]); // discovery goes by the names; the loader has the classes
    }

    ExtractAnswer answer =
        tooling.extract(new ExtractRequest(classes, List.of(), dir.resolve("shim")));

    assertThat(answer.functions())
        .extracting(ExtractAnswer.Function::className)
        .containsExactly(Clock.class.getName(), PrimitiveAdd.class.getName());
    assertThat(answer.failures()).isEmpty();
    assertThat(answer.table())
        .last()
        .asString()
        .matches(
            "dev\\.udfshim\\.fixtures\\.Broken\\$Sum +- +AggregateFunction +not hosted: the"
                + " platform runs ScalarFunction and TableFunction only");
    assertThat(answer.warnings())
        .containsExactly(
            "dev.udfshim.fixtures.Broken$Sum is a Flink AggregateFunction, which the remote platform"
                + " does not host (it runs ScalarFunction and TableFunction only), so it is not in"
                + " the shim artifact; register it in Flink itself, or move it out of this"
                + " project.",
            Clock.class.getName()
                + " signature 0 uses TIME(9), which Flink SQL cannot call: its planner holds TIME"
                + " values at precision 0 only, so the query fails at planning; declare TIME(0)"
                + " (@DataTypeHint(\"TIME(0)\")), or carry the time as a TIMESTAMP(p) or a"
                + " STRING.");
  }

  @Test
  void readingSignaturesThatAreNotThereIsOneSentence() {
    assertThatThrownBy(() -> tooling.readSignatures(dir))
        .isInstanceOf(ToolingException.class)
        .hasMessageStartingWith(dir.resolve("signatures.json") + " cannot be read (")
        .hasMessageEndingWith("); extract the project's UDFs first.");
  }

  @Test
  void generateSpecsWritesOnePerSignatureUnderTheLayout() throws Exception {
    extract(Overloaded.class.getName());
    SpecAnswer answer = tooling.generateSpecs(new SpecRequest(dir.resolve("shim"), "p-1"));

    assertThat(answer.configDirectory()).isEqualTo(dir.resolve("shim/scp_config"));
    assertThat(answer.specFileName()).isEqualTo("spec_base64");
    assertThat(answer.files()).hasSize(3).allMatch(f -> f.endsWith("/spec_base64"));
    String spec = Files.readString(answer.configDirectory().resolve(answer.files().get(0)));
    assertThat(SpecCodec.fromBase64(spec).pluginId()).isEqualTo("p-1");
  }

  @Test
  void jobParametersThatCannotBeConfigVarsAreRefusedWithTheRule() {
    extract(PrimitiveAdd.class.getName());
    for (String key : new String[] {"a/b", "", ".", "..", "spec_base64", "with space"}) {
      assertThatThrownBy(
              () ->
                  tooling.localConfig(
                      new LocalConfigRequest(
                          dir.resolve("shim"),
                          PrimitiveAdd.class.getName(),
                          null,
                          null,
                          Map.of(key, "v"))))
          .isInstanceOf(ToolingException.class)
          .hasMessage(
              "Job parameter '"
                  + key
                  + "' cannot be a config var: use letters, digits, '.', '_' and '-', and not"
                  + " spec_base64.");
    }
  }

  @Test
  void aLocalConfigHoldsTheSpecOfTheSignatureThatFitsAndTheJobParameters() throws Exception {
    LocalConfig config =
        tooling.localConfig(
            new LocalConfigRequest(
                dir.resolve("local"),
                Overloaded.class.getName(),
                null,
                "x,3",
                Map.of("db.url-2_x", "jdbc:x")));

    assertThat(config.signature()).isEqualTo(2);
    assertThat(config.configDirectory())
        .isEqualTo(dir.resolve("local/scp_config/" + Overloaded.class.getName() + "/2"));
    ConfigDirContext vars = new ConfigDirContext(config.configDirectory());
    assertThat(vars.configKeys()).containsExactly("db.url-2_x", "spec_base64");
    assertThat(SpecCodec.fromBase64(vars.getConfigValue("spec_base64").orElseThrow()).className())
        .isEqualTo(Overloaded.class.getName());

    LocalConfig extraction =
        tooling.localConfig(
            new LocalConfigRequest(dir.resolve("local"), null, null, null, Map.of()));
    assertThat(extraction.signature()).isNull();
    assertThat(extraction.configDirectory()).isEmptyDirectory();
  }

  @Test
  void invokeCallsARealServerAndAnswersAsTheCliPrints() throws Exception {
    LocalConfig config =
        tooling.localConfig(
            new LocalConfigRequest(dir, SplitWords.class.getName(), null, null, Map.of()));
    ClassLoader loader = getClass().getClassLoader();
    try (ShimServer server =
        ShimServer.start(
            "127.0.0.1",
            0,
            new HandlerHost(
                HandlerRegistry.create("execution", loader),
                new ConfigDirContext(config.configDirectory())))) {
      String target = "127.0.0.1:" + server.port();
      InvokeAnswer rows =
          tooling.invoke(
              new InvokeRequest(target, SplitWords.class.getName(), false, null, "\"to be\""));
      assertThat(rows.lines()).containsExactly("to", "be");
      assertThat(rows.error()).isNull();

      InvokeAnswer tooMany =
          tooling.invoke(new InvokeRequest(target, SplitWords.class.getName(), false, null, "a,b"));
      assertThat(tooMany.error())
          .isEqualTo(
              "error: The signature (text VARCHAR(2147483647)) -> VARCHAR(2147483647) takes 1"
                  + " argument(s), but 2 value(s) were given.");
    }
  }

  @Test
  void theShimArtifactsPlanHasTheLaunchersJarsSpecsSignaturesAndManifest() throws Exception {
    extract(PrimitiveAdd.class.getName());
    tooling.generateSpecs(new SpecRequest(dir.resolve("shim"), ""));
    Path udfJar = Files.write(dir.resolve("udfs-1.0.jar"), new byte[] {1});
    Jar flink =
        new Jar(
            "org.apache.flink",
            "flink-table-common",
            "2.0.1",
            Files.write(dir.resolve("flink-table-common-2.0.1.jar"), new byte[] {2}));
    Jar clash =
        new Jar(
            "other.group", "udfs", "1.0", Files.write(dir.resolve("udfs-1.0.jar"), new byte[] {1}));

    ArchivePlan plan =
        tooling.shimArchive(
            new ShimArchiveRequest(
                dir.resolve("shim"), udfJar, List.of(flink), List.of(clash), "g:a:1", "abc"));

    assertThat(plan.entries())
        .extracting(ArchivePlan.Entry::path)
        .containsExactly(
            "bin/shim",
            "bin/shim.cmd",
            "lib/runtime/flink-table-common-2.0.1.jar",
            "lib/udf/other.group.udfs-1.0.jar",
            "lib/udf/udfs-1.0.jar",
            "scp_config/" + PrimitiveAdd.class.getName() + "/0/spec_base64",
            "shim-manifest.properties",
            "signatures.json");
    ArchivePlan.Entry launcher = plan.entries().get(0);
    assertThat(launcher.mode()).isEqualTo(0755);
    try (InputStream in = BuildTools.class.getResourceAsStream("shim.sh")) {
      assertThat(launcher.content()).isEqualTo(in.readAllBytes());
    }
    assertThat(plan.entries().subList(1, plan.entries().size())).allMatch(e -> e.mode() == 0644);
    assertThat(new String(plan.entries().get(6).content(), StandardCharsets.UTF_8))
        .isEqualTo(
            "# Versions of this shim artifact\n"
                + "classpath.digest=abc\n"
                + "flink.version=2.0.1\n"
                + "java.release=17\n"
                + "launcher=bin/shim serve --handler_name extraction|execution\n"
                + "shim.version=development\n"
                + "udf.artifact=g:a:1\n");

    assertThat(tooling.udfArchive(new UdfArchiveRequest(udfJar, List.of(flink))).entries())
        .extracting(ArchivePlan.Entry::path)
        .containsExactly("flink-table-common-2.0.1.jar", "udfs-1.0.jar");
  }

  @Test
  void theRuntimeOnlyPlanIsTheShimArtifactWithoutTheUdf() throws Exception {
    Jar flink =
        new Jar(
            "org.apache.flink",
            "flink-table-common",
            "2.0.1",
            Files.write(dir.resolve("flink-table-common-2.0.1.jar"), new byte[] {2}));

    ArchivePlan plan = tooling.runtimeArchive(new RuntimeArchiveRequest(List.of(flink), "abc"));

    assertThat(plan.entries())
        .extracting(ArchivePlan.Entry::path)
        .containsExactly(
            "bin/shim",
            "bin/shim.cmd",
            "lib/runtime/flink-table-common-2.0.1.jar",
            "shim-manifest.properties");
    assertThat(plan.entries().get(0).mode()).isEqualTo(0755);
    assertThat(new String(plan.entries().get(3).content(), StandardCharsets.UTF_8))
        .isEqualTo(
            "# Versions of this shim artifact\n"
                + "classpath.digest=abc\n"
                + "flink.version=2.0.1\n"
                + "java.release=17\n"
                + "launcher=bin/shim serve --handler_name extraction|execution --udf-classpath"
                + " <udf zip> --config_override_dir <dir>\n"
                + "shim.version=development\n");
  }

  @Test
  void aShimArtifactWithoutSignaturesIsOneSentence() {
    assertThatThrownBy(
            () ->
                tooling.shimArchive(
                    new ShimArchiveRequest(
                        dir, dir.resolve("u.jar"), List.of(), List.of(), "", "")))
        .isInstanceOf(ToolingException.class)
        .hasMessage(
            dir.resolve("signatures.json") + " does not exist; extract the project's UDFs first.");
  }

  @Test
  void theServeLaunchIsTheLaunchersOwnServe() {
    ServeLaunch launch =
        tooling.serveLaunch(
            new ServeRequest("execution", dir, "127.0.0.1", 0, dir.resolve("port")));
    assertThat(launch.arguments())
        .containsExactly(
            "serve",
            "--handler_name",
            "execution",
            "--config_override_dir",
            dir.toString(),
            "--host",
            "127.0.0.1",
            "--port",
            "0",
            "--stop-with-stdin",
            "--port-file",
            dir.resolve("port").toString());
    assertThat(ServeLaunches.jvmOptions(17)).containsExactly("-XX:+ExitOnOutOfMemoryError");
    assertThat(ServeLaunches.jvmOptions(25))
        .containsExactly(
            "-XX:+ExitOnOutOfMemoryError",
            "--sun-misc-unsafe-memory-access=allow",
            "--illegal-native-access=allow");
  }
}
