/**
 * The runtime's execution room: the execution handler: a spec bound to UDF instances, the
 * dispatcher and the supervisor.
 *
 * <p>Internal: public for the plugin, the tester and the integration tests; the runtime's user API
 * is bin/shim and its config vars.
 */
@Internal
package dev.udfshim.runtime.execution;

import dev.udfshim.protocol.Internal;
