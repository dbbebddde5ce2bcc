package dev.udfshim.tooling;

import java.nio.file.Path;

/**
 * What the Maven plugin asks of the shim runtime. The runtime implements it and registers it with
 * {@link java.util.ServiceLoader}; the plugin finds it in a class loader of the runtime and the
 * project that takes this package, and nothing else, from the plugin. So requests and answers are
 * records of this package and the JDK only. Every fact of the artifact and of the wire contract
 * (layout names, the spec var, the config-key rule, the shape of signatures.json, the launcher's
 * options) stays on the runtime's side: the plugin sees paths, plans and sentences.
 *
 * <p>A {@link ToolingException} is a request the runtime refuses, with one sentence for the user;
 * any other exception is a failure of the runtime itself.
 */
public interface ShimTooling {

  /** Where the build's outputs lie under a shim directory (the plugin's {@code target/shim}). */
  BuildLayout layout(Path shimDirectory);

  /**
   * Extracts the named UDFs, or every public concrete ScalarFunction and TableFunction of the
   * classes folder, and writes the layout's signatures file.
   */
  ExtractAnswer extract(ExtractRequest request);

  /** What the signatures file of an earlier {@link #extract} holds, as extract answered it. */
  ExtractAnswer readSignatures(Path shimDirectory) throws ToolingException;

  /** Writes one spec per signature of the signatures file into the layout's config directory. */
  SpecAnswer generateSpecs(SpecRequest request) throws ToolingException;

  /** The entries of the deployable shim artifact. */
  ArchivePlan shimArchive(ShimArchiveRequest request) throws ToolingException;

  /** The entries of the UDF-only upload zip. */
  ArchivePlan udfArchive(UdfArchiveRequest request);

  /**
   * What the UDF upload zip holds that the runtime will not use as the project expects, one line
   * each naming the jar or file, the cause and the fix: logging backends and their config files.
   */
  java.util.List<String> udfArchiveWarnings(UdfArchiveRequest request);

  /**
   * The entries of the runtime-only deployment artifact: launchers and the runtime's jars, no UDF;
   * its {@code serve} takes a user's UDF upload zip with {@code --udf-classpath}.
   */
  ArchivePlan runtimeArchive(RuntimeArchiveRequest request);

  /**
   * The config override dir a local server of one UDF signature (or the extraction handler) runs
   * with: the spec, and the job parameters as config vars.
   */
  LocalConfig localConfig(LocalConfigRequest request) throws ToolingException;

  /** How to start the runtime's own {@code serve} in a JVM of its own, as its launcher does. */
  ServeLaunch serveLaunch(ServeRequest request);

  /** One call to a running server, answered as text. */
  InvokeAnswer invoke(InvokeRequest request) throws ToolingException;

  /** One call to a running server whose signature is known, answered as text: no extraction. */
  InvokeAnswer invoke(SignatureInvokeRequest request);
}
