package dev.udfshim.tooling;

/**
 * One call to a running server whose signature is known (the local server of {@code shim:run}
 * recorded it): no extraction, so no UDF class is loaded to encode the values or decode the answer.
 *
 * @param target its {@code host:port}
 * @param className the UDF
 * @param table whether the UDF is a table function (its answer is rows)
 * @param signature the signature the server runs
 * @param args the argument values, as in {@link InvokeRequest#args()}; optional arguments at the
 *     end may be left out
 */
public record SignatureInvokeRequest(
    String target,
    String className,
    boolean table,
    ExtractAnswer.Signature signature,
    String args) {}
