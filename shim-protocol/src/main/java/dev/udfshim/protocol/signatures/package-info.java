/**
 * The wire contract: signatures.json: its records, reader and writer.
 *
 * <p>Internal, like the whole module: public for the runtime, the Flink client and the tester.
 */
@Internal
package dev.udfshim.protocol.signatures;

import dev.udfshim.protocol.Internal;
