/**
 * The protoc goal: protoc and the gRPC Java plugin resolved for the host and run.
 *
 * <p>Internal: public only for the plugin's other packages and its tests.
 */
package dev.udfshim.maven.protoc;
