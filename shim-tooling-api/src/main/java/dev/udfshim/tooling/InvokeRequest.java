package dev.udfshim.tooling;

/**
 * One call to a running server.
 *
 * @param target its {@code host:port}
 * @param className the UDF
 * @param extract ask for the signatures (an extraction server) instead of running the UDF
 * @param signature the signature's index, or null for the one whose arity fits the values
 * @param args the argument values, comma-separated: numbers, strings, ISO-8601 dates and times,
 *     base64 bytes, JSON for ARRAY, MAP, MULTISET and ROW, and null; quotes around strings holding
 *     commas
 */
public record InvokeRequest(
    String target, String className, boolean extract, Integer signature, String args) {}
