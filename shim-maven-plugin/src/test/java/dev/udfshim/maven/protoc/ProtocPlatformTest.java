package dev.udfshim.maven.protoc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProtocPlatformTest {

  @ParameterizedTest
  @CsvSource({
    "Linux, amd64, linux-x86_64, false",
    "Linux, aarch64, linux-aarch_64, false",
    "Linux, ppc64le, linux-ppcle_64, false",
    "Mac OS X, x86_64, osx-x86_64, false",
    "Mac OS X, aarch64, osx-aarch_64, false",
    "Windows 11, amd64, windows-x86_64, true",
  })
  void mapsJavaPropertiesToPublishedClassifiers(
      String os, String arch, String classifier, boolean windows) throws ProtocException {
    assertThat(ProtocPlatform.of(os, arch)).isEqualTo(new ProtocPlatform(classifier, windows));
  }

  @ParameterizedTest
  @CsvSource({"FreeBSD, amd64", "Linux, riscv64", "Windows 11, aarch64"})
  void unsupportedPlatformNamesItselfAndTheSupportedOnes(String os, String arch) {
    assertThatThrownBy(() -> ProtocPlatform.of(os, arch))
        .isInstanceOf(ProtocException.class)
        .hasMessageContaining("os.name=" + os + ", os.arch=" + arch)
        .hasMessageContaining("linux-x86_64")
        .hasMessageContaining("osx-aarch_64");
  }
}
