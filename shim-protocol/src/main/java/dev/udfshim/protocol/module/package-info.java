/**
 * The Flink client's module statement: the option keys the servers print and the client reads, so
 * the statement {@code serve --all} prints is the one the client takes.
 */
package dev.udfshim.protocol.module;
