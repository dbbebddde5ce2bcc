package dev.udfshim.maven;

import org.apache.maven.plugin.logging.Log;

/** The one skip rule of every goal: a true skip property logs one line and does nothing else. */
final class GoalSkip {
  private GoalSkip() {}

  static boolean skipped(boolean skip, String goal, String property, Log log) {
    if (skip) {
      log.info("Skipping shim:" + goal + " (" + property + "=true).");
    }
    return skip;
  }
}
