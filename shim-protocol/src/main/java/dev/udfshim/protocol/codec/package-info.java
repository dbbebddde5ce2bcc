/**
 * The wire contract: the carried types and the value format, with the server's checking codec and
 * the client's codec over Flink's serializers.
 *
 * <p>Internal, like the whole module: public for the runtime, the Flink client and the tester.
 */
@Internal
package dev.udfshim.protocol.codec;

import dev.udfshim.protocol.Internal;
