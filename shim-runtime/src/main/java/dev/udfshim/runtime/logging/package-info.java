/**
 * The runtime's logging room: the runtime's log setup and its bounded failure lines.
 *
 * <p>Internal: public for the plugin, the tester and the integration tests; the runtime's user API
 * is bin/shim and its config vars.
 */
@Internal
package dev.udfshim.runtime.logging;

import dev.udfshim.protocol.Internal;
