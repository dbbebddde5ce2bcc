/**
 * The runtime's extraction room: the extraction handler: Flink's type inference over a UDF class.
 *
 * <p>Internal: public for the plugin, the tester and the integration tests; the runtime's user API
 * is bin/shim and its config vars.
 */
@Internal
package dev.udfshim.runtime.extraction;

import dev.udfshim.protocol.Internal;
