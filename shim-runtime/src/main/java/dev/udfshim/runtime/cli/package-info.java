/**
 * The runtime's cli room: the commands of bin/shim (serve, invoke, gen-spec, encode-args,
 * decode-result, extract, config-vars), which are the user API; the classes are not.
 *
 * <p>Internal: public for the plugin, the tester and the integration tests; the runtime's user API
 * is bin/shim and its config vars.
 */
@Internal
package dev.udfshim.runtime.cli;

import dev.udfshim.protocol.Internal;
