/**
 * The Flink client's batch room: rows gathered into batched calls, and the timer they share.
 *
 * <p>Internal: the user API is ShimFunctions, ShimOptions, ShimModule and ShimModuleFactory.
 */
@Internal
package dev.udfshim.flink.batch;

import dev.udfshim.protocol.Internal;
