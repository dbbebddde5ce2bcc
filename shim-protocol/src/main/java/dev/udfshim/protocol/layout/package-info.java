/**
 * The wire contract: the names inside the shim artifact.
 *
 * <p>Internal, like the whole module: public for the runtime, the Flink client and the tester.
 */
@Internal
package dev.udfshim.protocol.layout;

import dev.udfshim.protocol.Internal;
