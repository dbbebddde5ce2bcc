/**
 * Whether a goal's inputs changed since its last run.
 *
 * <p>Internal: public only for the plugin's other packages and its tests.
 */
package dev.udfshim.maven.incremental;
