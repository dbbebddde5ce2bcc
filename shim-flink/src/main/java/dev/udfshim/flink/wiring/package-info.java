/**
 * Diagnostics for wiring mistakes between the module's options and the servers: a function without
 * an endpoint, and (when a function opens) a server that is not the one its endpoint names.
 */
package dev.udfshim.flink.wiring;
