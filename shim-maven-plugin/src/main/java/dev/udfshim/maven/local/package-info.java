/**
 * The local goals (run, invoke): configs, calls and forks.
 *
 * <p>Internal: public only for the plugin's other packages and its tests.
 */
package dev.udfshim.maven.local;
