/** The moment-of-truth timeline: every contact, complaint step, apology, follow-up, breach, survey and loss. */
package io.cxengine.journey.query.timeline;
