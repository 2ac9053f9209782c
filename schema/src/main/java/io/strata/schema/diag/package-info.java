/**
 * Diagnostics: a located message ({@code file:line:column: what is wrong — what to do}) and the
 * did-you-mean helper used for misspelt field names, kinds and references.
 */
package io.strata.schema.diag;
