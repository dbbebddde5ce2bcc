/**
 * The typed boundary between the plugin and the runtime: one interface ({@code ShimTooling}) and
 * its request and answer records, the one type both class loaders share.
 *
 * <p>Internal: public for shim-maven-plugin and shim-runtime only, and free to change in any
 * release (this module cannot depend on shim-protocol, where the {@code @Internal} marker lives).
 */
package dev.udfshim.tooling;
