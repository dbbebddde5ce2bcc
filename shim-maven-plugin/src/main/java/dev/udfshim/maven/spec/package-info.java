/**
 * The gen-spec goal's component: the spec tree through the runtime.
 *
 * <p>Internal: public only for the plugin's other packages and its tests.
 */
package dev.udfshim.maven.spec;
