/**
 * A forked JVM for the local goals: its options and the served process.
 *
 * <p>Internal: public only for the plugin's other packages and its tests.
 */
package dev.udfshim.maven.fork;
