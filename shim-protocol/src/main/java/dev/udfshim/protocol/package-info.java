/**
 * The wire contract of the shim (docs/protocol.md) in one place, shared by the runtime (server,
 * CLI), the Flink client and the tester, so that no other module declares any of it again.
 *
 * <ul>
 *   <li>The stubs compiled from {@code proto/} ({@code secure.compute.function.runtime.v2}, {@code
 *       io.confluent.flink.udf.extractor.v1}, {@code io.confluent.flink.udf.execution.v1}); this is
 *       the only module that compiles them.
 *   <li>{@link dev.udfshim.protocol.codec}: the carried types ({@code WireTypes}) and the value
 *       format, with two codecs over one pair of byte buffers. They stay two because they serve
 *       different needs: the server's {@code ValueCodec} reads bytes from the network, so it checks
 *       every length, offset and digit count before use and reads in place, without copies; the
 *       client's {@code SerializerCodec} is Flink's own serializers, for a Flink job's own internal
 *       data (generic rows and the like, which the server's codec does not take) and for answers of
 *       a server the job chose. One parity suite holds both to Flink's serializers byte for byte.
 *   <li>{@link dev.udfshim.protocol.framing}: the one-row and the batched framing of requests and
 *       answers, with their row-count and leftover checks, written once over either codec.
 *   <li>{@link dev.udfshim.protocol.spec}: config var {@code spec_base64}, both forms.
 *   <li>{@link dev.udfshim.protocol.config}, {@link dev.udfshim.protocol.transport} and {@link
 *       dev.udfshim.protocol.layout}: the config var key rule, the error trailer, and the names
 *       inside the shim artifact.
 *   <li>{@link dev.udfshim.protocol.signatures}: signatures.json, its records, reader and writer.
 *   <li>{@link dev.udfshim.protocol.module}: the {@code LOAD MODULE shim WITH (...)} statement.
 * </ul>
 *
 * Flink's table artifacts are provided: both users have them on their class path already.
 *
 * <p>Internal, all of it ({@link dev.udfshim.protocol.Internal}): public for the runtime, the Flink
 * client and the tester; users meet the protocol through docs/protocol.md, not these classes.
 */
@Internal
package dev.udfshim.protocol;
