/**
 * The Flink client's function room: the remote scalar and table functions and their type inference.
 *
 * <p>Internal: the user API is ShimFunctions, ShimOptions, ShimModule and ShimModuleFactory.
 */
@Internal
package dev.udfshim.flink.function;

import dev.udfshim.protocol.Internal;
