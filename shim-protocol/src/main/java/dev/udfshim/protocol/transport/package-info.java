/**
 * The wire contract: the error trailer.
 *
 * <p>Internal, like the whole module: public for the runtime, the Flink client and the tester.
 */
@Internal
package dev.udfshim.protocol.transport;

import dev.udfshim.protocol.Internal;
