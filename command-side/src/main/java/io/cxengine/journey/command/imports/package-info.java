/**
 * Bulk import: a file of commands, one per line, recorded in order under the same rules and the same hash chain as
 * single commands, many to a transaction, resumable by its import id, with progress and a final report.
 */
package io.cxengine.journey.command.imports;
