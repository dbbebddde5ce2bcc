/**
 * The Flink client's codec room: the client's wire format over shim-protocol's framing.
 *
 * <p>Internal: the user API is ShimFunctions, ShimOptions, ShimModule and ShimModuleFactory.
 */
@Internal
package dev.udfshim.flink.codec;

import dev.udfshim.protocol.Internal;
