/** The agent briefing: pre-call planning in one look, the enterprise information portal of DOMAIN §5. */
package io.cxengine.journey.query.briefing;
