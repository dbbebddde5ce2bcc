/**
 * The extract goal's component: extraction through the runtime, the build log table.
 *
 * <p>Internal: public only for the plugin's other packages and its tests.
 */
package dev.udfshim.maven.extract;
