/**
 * The wire contract: the config var key rule.
 *
 * <p>Internal, like the whole module: public for the runtime, the Flink client and the tester.
 */
@Internal
package dev.udfshim.protocol.config;

import dev.udfshim.protocol.Internal;
