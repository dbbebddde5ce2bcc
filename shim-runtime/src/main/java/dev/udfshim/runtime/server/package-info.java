/**
 * The runtime's server room: the gRPC server, health, lifecycle and drain.
 *
 * <p>Internal: public for the plugin, the tester and the integration tests; the runtime's user API
 * is bin/shim and its config vars.
 */
@Internal
package dev.udfshim.runtime.server;

import dev.udfshim.protocol.Internal;
