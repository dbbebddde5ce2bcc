/**
 * The plugin's goals: thin mojos, each building one request record for one injected component. The
 * goals and their parameters (docs/plugin-reference.md) are the user API; these classes are not.
 *
 * <p>Internal as Java: the mojos are public because Maven instantiates them.
 */
package dev.udfshim.maven;
