/** What auditors read: every customer's complete history from the first event, and the proof that it is unaltered. */
package io.cxengine.journey.command.audit;
