/**
 * The zip writer over plexus-archiver, loaded only when a zip is written.
 *
 * <p>Internal: public only for the plugin's other packages and its tests.
 */
package dev.udfshim.maven.archive.plexus;
