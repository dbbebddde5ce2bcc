package dev.udfshim.runtime.server;

/**
 * The calls that were running when a drain began.
 *
 * @param finished how many finished within the grace
 * @param cutOff how many were still running at its end, and were answered that the server stops
 * @param millis how long the drain took
 */
public record Drained(int finished, int cutOff, long millis) {}
