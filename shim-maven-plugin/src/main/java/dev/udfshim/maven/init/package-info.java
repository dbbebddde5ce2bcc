/**
 * The project scaffold that shim:init writes.
 *
 * <p>Internal: public only for the plugin's other packages and its tests.
 */
package dev.udfshim.maven.init;
