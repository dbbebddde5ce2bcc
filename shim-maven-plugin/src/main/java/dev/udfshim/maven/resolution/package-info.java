/**
 * The runtime resolved from the repository at the plugin's version, and its record.
 *
 * <p>Internal: public only for the plugin's other packages and its tests.
 */
package dev.udfshim.maven.resolution;
