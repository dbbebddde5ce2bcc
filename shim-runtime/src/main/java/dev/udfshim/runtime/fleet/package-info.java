/**
 * Serving a whole artifact from one process ({@code serve --all}): its signatures, one server per
 * signature, and the {@code LOAD MODULE} statement that reaches them.
 */
package dev.udfshim.runtime.fleet;
