/**
 * The class loader of runtime and project, and the one entry point into the runtime.
 *
 * <p>Internal: public only for the plugin's other packages and its tests.
 */
package dev.udfshim.maven.isolation;
