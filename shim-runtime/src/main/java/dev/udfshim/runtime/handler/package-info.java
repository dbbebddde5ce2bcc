/**
 * The runtime's handler room: the handler interface, its context and the lookup by name.
 *
 * <p>Internal: public for the plugin, the tester and the integration tests; the runtime's user API
 * is bin/shim and its config vars.
 */
@Internal
package dev.udfshim.runtime.handler;

import dev.udfshim.protocol.Internal;
