/**
 * The shim and UDF zips, written with plexus-archiver: reproducible entries, platform limits.
 *
 * <p>Internal: public only for the plugin's other packages and its tests.
 */
package dev.udfshim.maven.archive;
