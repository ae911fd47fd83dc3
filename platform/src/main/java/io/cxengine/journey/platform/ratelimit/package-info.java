/**
 * Rate limits: a loose per-address allowance before authentication (and a tight one for refused tokens), a
 * per-client allowance per scope after authorization, where heavier operations cost more, and caps on live streams.
 * Over a limit the engine answers 429 with {@code Retry-After}, and nothing is recorded. The allowances live in each
 * instance's memory: with several instances behind a balancer, each grants its own.
 */
package io.cxengine.journey.platform.ratelimit;
