/**
 * JSON Schema validation of single documents (networknt json-schema-validator, draft 2020-12) and
 * the translation of its errors into {@code file:line:column: what — what to do} diagnostics,
 * including did-you-mean for misspelt field names.
 */
package io.strata.schema.validate;
