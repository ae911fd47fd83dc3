/**
 * The engine's follow-up policies: the sixth step of recovery, and the lost-account survey, run by the engine itself.
 * A processing group of its own reads the facts that call for a follow-up and asks the customer's aggregate to promise
 * it, where the customer welcomes contact; every fact a policy records names the policy as its principal.
 */
package io.cxengine.journey.command.policy;
