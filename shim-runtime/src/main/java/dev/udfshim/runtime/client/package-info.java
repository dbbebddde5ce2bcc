/**
 * The runtime's client room: one call from text values, shared by bin/shim invoke and shim:invoke.
 *
 * <p>Internal: public for the plugin, the tester and the integration tests; the runtime's user API
 * is bin/shim and its config vars.
 */
@Internal
package dev.udfshim.runtime.client;

import dev.udfshim.protocol.Internal;
