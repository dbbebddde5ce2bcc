/**
 * The Flink client's client room: the channels, one call with its deadline and retries, and the
 * exception a failed call raises.
 *
 * <p>Internal: the user API is ShimFunctions, ShimOptions, ShimModule and ShimModuleFactory.
 */
@Internal
package dev.udfshim.flink.client;

import dev.udfshim.protocol.Internal;
