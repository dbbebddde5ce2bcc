/**
 * What the goals read from the Maven project.
 *
 * <p>Internal: public only for the plugin's other packages and its tests.
 */
package dev.udfshim.maven.project;
