/**
 * The runtime's config room: every config var, declared once as a typed option, and the one rule
 * that reads them.
 *
 * <p>Internal: public for the plugin, the tester and the integration tests; the runtime's user API
 * is bin/shim and its config vars.
 */
@Internal
package dev.udfshim.runtime.config;

import dev.udfshim.protocol.Internal;
