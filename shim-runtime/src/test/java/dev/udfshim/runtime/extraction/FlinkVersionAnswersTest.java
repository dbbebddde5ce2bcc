package dev.udfshim.runtime.extraction;

import static org.assertj.core.api.Assertions.assertThat;

import dev.udfshim.fixtures.LegacyResultType;
import dev.udfshim.fixtures.TakesVariant;
import dev.udfshim.fixtures.VariantStandIn;
import dev.udfshim.fixtures.WithTrait;
import dev.udfshim.runtime.flink.FlinkClassPath;
import io.confluent.flink.udf.extractor.v1.ErrorCode;
import io.confluent.flink.udf.extractor.v1.ExtractionResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.AnnotationVisitor;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.commons.ClassRemapper;
import org.objectweb.asm.commons.SimpleRemapper;

/**
 * What extraction answers where Flink versions differ. The same compiled classes run on every
 * supported Flink (CI runs this class with the test class path at each), so each test says what the
 * running Flink answers.
 */
class FlinkVersionAnswersTest {
  private static final String RUNNING = FlinkClassPath.running();
  private static final boolean FLINK_1 = RUNNING.startsWith("1.");
  private static final boolean HAS_VARIANT = !FLINK_1 && !RUNNING.startsWith("2.0.");

  private final UdfExtractor extractor = new UdfExtractor(getClass().getClassLoader());

  @Test
  void theRuntimeKnowsTheFlinkItRuns() {
    assertThat(RUNNING).matches("\\d+\\.\\d+\\.\\d+.*");
    assertThat(FlinkClassPath.problem(getClass().getClassLoader(), RUNNING, "fix it.")).isEmpty();
    assertThat(FlinkClassPath.problem(getClass().getClassLoader(), "0.1.0", "fix it."))
        .hasValueSatisfying(
            s ->
                assertThat(s)
                    .startsWith("The class path holds Flink " + RUNNING + " (flink-table-common-")
                    .endsWith(
                        ", but the build resolved the shim runtime with Flink 0.1.0; fix it."));
  }

  @Test
  void functionHintArgumentGivesNamesAndTypesOnEveryFlink() {
    ExtractionResponse answer = extractor.extract("dev.udfshim.fixtures.EveryFlinkHinted");
    assertThat(answer.hasError()).as(answer.toString()).isFalse();
    assertThat(answer.getSignatures(0).getArgumentNamesList()).containsExactly("left", "right");
    assertThat(answer.getSignatures(0).getArgumentTypesList()).containsExactly("INT", "INT");
    assertThat(answer.getSignatures(0).getReturnType()).isEqualTo("BIGINT");
  }

  /** UdfExtractorTest's ClassHinted, whose hint is written the Flink 2 way. */
  @Test
  void functionHintArgumentsIsFlink2sAndFlink1IgnoresIt() {
    ExtractionResponse answer = extractor.extract("dev.udfshim.fixtures.ClassHinted");
    assertThat(answer.getSignatures(0).getArgumentTypesList()).containsExactly("INT", "INT");
    assertThat(answer.getSignatures(0).getReturnType()).isEqualTo("BIGINT");
    if (FLINK_1) {
      // Flink 1.20's @FunctionHint has no attribute 'arguments': the JVM drops it unread (the
      // build's linkage check says so), and the names come from the eval method.
      assertThat(answer.getSignatures(0).getArgumentNamesList()).doesNotContain("left");
    } else {
      assertThat(answer.getSignatures(0).getArgumentNamesList()).containsExactly("left", "right");
    }
  }

  @Test
  void aLegacyTypeHookIsNamedWithTheTypesUsedInstead() {
    String name = LegacyResultType.class.getName();
    ExtractedUdf udf;
    try {
      udf = extractor.inspect(name);
    } catch (ExtractionException e) {
      throw new AssertionError(e);
    }
    // Flink's type inference reads the eval method: TIMESTAMP(9), not the hook's TIMESTAMP(3).
    assertThat(udf.signatures().get(0).returnTypeString()).isEqualTo("TIMESTAMP(9)");
    assertThat(
            LegacyOverrides.warnings(
                LegacyResultType.class, List.of(udf.signatures().get(0).toString())))
        .containsExactly(
            name
                + " overrides getResultType(Class[]), Flink 1.x's legacy type hook, which Flink's"
                + " type inference ignores and so does the shim: the types come from the eval"
                + " methods, (t TIMESTAMP(9)) -> TIMESTAMP(9); if other types are meant, declare"
                + " them with @DataTypeHint or @FunctionHint and remove the override.");
    assertThat(
            LegacyOverrides.warnings(
                dev.udfshim.fixtures.SplitWords.class, List.of("(text STRING) -> STRING")))
        .isEmpty();
  }

  @Test
  void aTraitTheRunningFlinkDoesNotKnowIsOneSentence() throws Exception {
    String name = WithTrait.class.getName();
    ClassLoader loader = rewritten(name, Map.of(), "SCALAR", "NOT_A_TRAIT");
    ExtractionResponse answer = new UdfExtractor(loader).extract(name);
    if (FLINK_1) {
      // 1.20's @ArgumentHint has no traits: the JVM drops the attribute unread.
      assertThat(answer.hasError()).as(answer.toString()).isFalse();
      return;
    }
    assertThat(answer.getError().getCode()).isEqualTo(ErrorCode.TYPE_EXTRACTION_ERROR);
    assertThat(answer.getError().getErrorMessage())
        .isEqualTo(
            "Class '"
                + name
                + "' uses enum constant ArgumentTrait.NOT_A_TRAIT, which Flink "
                + RUNNING
                + ", the one this shim runtime runs, does not have: it was compiled against"
                + " another Flink; build the shim for the Flink it compiles against (the"
                + " project's Flink version), or stop using it.");
  }

  @Test
  void variantIsRefusedWithWhyAndWhatToUseInstead() throws Exception {
    String name = TakesVariant.class.getName();
    String standIn = VariantStandIn.class.getName().replace('.', '/');
    ClassLoader loader =
        rewritten(name, Map.of(standIn, "org/apache/flink/types/variant/Variant"), null, null);
    ExtractionResponse answer = new UdfExtractor(loader).extract(name);
    if (HAS_VARIANT) {
      assertThat(answer.getError().getCode()).isEqualTo(ErrorCode.TYPE_EXTRACTION_ERROR);
      assertThat(answer.getError().getErrorMessage())
          .isEqualTo(
              "In '"
                  + name
                  + "', argument 'v' has type VARIANT, and VARIANT cannot cross the remote UDF"
                  + " wire format, since the platform's UDF spec has no type for it; take and"
                  + " return semi-structured values as a STRING holding JSON instead, parsed and"
                  + " written in eval.");
    } else {
      assertThat(answer.getError().getErrorMessage())
          .isEqualTo(
              "Class '"
                  + name
                  + "' uses class org.apache.flink.types.variant.Variant, which Flink "
                  + RUNNING
                  + ", the one this shim runtime runs, does not have: it was compiled against"
                  + " another Flink; build the shim for the Flink it compiles against (the"
                  + " project's Flink version), or stop using it.");
    }
  }

  /**
   * A loader that defines the class rewritten (types renamed, one enum constant replaced) and takes
   * everything else from the test's loader.
   */
  private ClassLoader rewritten(
      String className, Map<String, String> types, String fromConstant, String toConstant)
      throws IOException {
    byte[] original;
    try (InputStream in =
        getClass().getClassLoader().getResourceAsStream(className.replace('.', '/') + ".class")) {
      original = in.readAllBytes();
    }
    ClassWriter writer = new ClassWriter(0);
    ClassVisitor renamed = new ClassRemapper(writer, new SimpleRemapper(types));
    new ClassReader(original)
        .accept(
            new ClassVisitor(Opcodes.ASM9, renamed) {
              @Override
              public MethodVisitor visitMethod(
                  int access, String name, String desc, String signature, String[] exceptions) {
                return new MethodVisitor(
                    Opcodes.ASM9, super.visitMethod(access, name, desc, signature, exceptions)) {
                  @Override
                  public AnnotationVisitor visitParameterAnnotation(
                      int parameter, String annotation, boolean visible) {
                    return constants(
                        super.visitParameterAnnotation(parameter, annotation, visible));
                  }
                };
              }

              private AnnotationVisitor constants(AnnotationVisitor next) {
                return new AnnotationVisitor(Opcodes.ASM9, next) {
                  @Override
                  public void visitEnum(String name, String descriptor, String value) {
                    super.visitEnum(
                        name, descriptor, value.equals(fromConstant) ? toConstant : value);
                  }

                  @Override
                  public AnnotationVisitor visitArray(String name) {
                    return constants(super.visitArray(name));
                  }
                };
              }
            },
            0);
    byte[] bytes = writer.toByteArray();
    String file = className.replace('.', '/') + ".class";
    return new ClassLoader(getClass().getClassLoader()) {
      // Flink reads parameter names from the class file itself.
      @Override
      public InputStream getResourceAsStream(String name) {
        return name.equals(file)
            ? new ByteArrayInputStream(bytes)
            : super.getResourceAsStream(name);
      }

      @Override
      protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        synchronized (getClassLoadingLock(name)) {
          if (name.equals(className)) {
            Class<?> defined = findLoadedClass(name);
            return defined != null ? defined : defineClass(name, bytes, 0, bytes.length);
          }
          return super.loadClass(name, resolve);
        }
      }
    };
  }
}
