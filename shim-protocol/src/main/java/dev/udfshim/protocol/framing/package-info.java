/**
 * The wire contract: the one-row and batched framing of requests and answers, and their checks.
 *
 * <p>Internal, like the whole module: public for the runtime, the Flink client and the tester.
 */
@Internal
package dev.udfshim.protocol.framing;

import dev.udfshim.protocol.Internal;
