/**
 * The Flink client's signatures room: signatures.json read into the functions' types.
 *
 * <p>Internal: the user API is ShimFunctions, ShimOptions, ShimModule and ShimModuleFactory.
 */
@Internal
package dev.udfshim.flink.signatures;

import dev.udfshim.protocol.Internal;
