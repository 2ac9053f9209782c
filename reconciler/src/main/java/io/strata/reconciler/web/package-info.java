/**
 * The read-only web view and JSON API (issue 14): what the daemon learned in its last cycle, as
 * {@code /api/v1/*} documents and a server-rendered page at {@code /}. Git stays the only way to
 * change anything, so every route answers GET and HEAD only.
 */
package io.strata.reconciler.web;
