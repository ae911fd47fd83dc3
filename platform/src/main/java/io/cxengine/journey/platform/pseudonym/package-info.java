/** Customer pseudonyms: what analysts see instead of a customer id, reversible only by the engine. */
package io.cxengine.journey.platform.pseudonym;
