package dev.udfshim.protocol;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Public only so that another module of this project can use it: not an API for users, and free to
 * change in any release. On a package, it covers every type in it.
 *
 * <p>The user API is {@code UdfTester} and its exceptions (shim-test); {@code ShimFunctions},
 * {@code ShimOptions}, {@code ShimModule} and {@code ShimModuleFactory} (shim-flink); the plugin's
 * goals and parameters; the commands and config vars of {@code bin/shim}; and the wire protocol
 * (docs/protocol.md). The plugin and the tooling API, which cannot depend on this module, say the
 * same in their package docs.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.PACKAGE, ElementType.TYPE})
public @interface Internal {}
