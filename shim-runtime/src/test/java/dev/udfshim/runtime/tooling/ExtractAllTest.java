package dev.udfshim.runtime.tooling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.udfshim.fixtures.Overloaded;
import dev.udfshim.fixtures.PrimitiveAdd;
import dev.udfshim.fixtures.SplitWords;
import dev.udfshim.protocol.signatures.Signatures;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExtractAllTest {
  private final ClassLoader loader = getClass().getClassLoader();

  @Test
  void manyClassesOnSeveralThreadsAnswerInTheNamesOrderAsOneThreadDoes() {
    List<String> names = new ArrayList<>();
    String[] kinds = {
      PrimitiveAdd.class.getName(),
      SplitWords.class.getName(),
      "does.not.Exist",
      Overloaded.class.getName()
    };
    for (int i = 0; i < 200; i++) {
      names.add(kinds[i % kinds.length]);
    }

    List<Signatures.Outcome> parallel = Extraction.extractAll(names, loader);
    List<Signatures.Outcome> oneByOne = new ArrayList<>();
    for (String name : names) {
      oneByOne.addAll(Extraction.extractAll(List.of(name), loader));
    }

    assertThat(parallel).hasSize(200).isEqualTo(oneByOne);
    for (int i = 0; i < 200; i++) {
      String name = names.get(i);
      if (i % kinds.length == 2) {
        assertThat(parallel.get(i))
            .isInstanceOfSatisfying(
                Signatures.Failure.class,
                f -> assertThat(f.code()).isEqualTo("USER_CODE_NOT_FOUND"));
      } else {
        assertThat(parallel.get(i))
            .isInstanceOfSatisfying(
                Signatures.Function.class, f -> assertThat(f.className()).isEqualTo(name));
      }
    }
  }
}
