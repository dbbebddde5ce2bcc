/**
 * The wire contract: config var spec_base64, both forms.
 *
 * <p>Internal, like the whole module: public for the runtime, the Flink client and the tester.
 */
@Internal
package dev.udfshim.protocol.spec;

import dev.udfshim.protocol.Internal;
