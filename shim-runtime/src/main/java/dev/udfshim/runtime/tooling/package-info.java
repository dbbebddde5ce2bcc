/**
 * The runtime's tooling room: BuildTools, the implementation of the plugin's typed boundary
 * (shim-tooling-api).
 *
 * <p>Internal: public for the plugin, the tester and the integration tests; the runtime's user API
 * is bin/shim and its config vars.
 */
@Internal
package dev.udfshim.runtime.tooling;

import dev.udfshim.protocol.Internal;
