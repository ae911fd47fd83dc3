/** Figures for analysts: complaints, handling times, service standards, moments, lost accounts, retention. */
package io.cxengine.journey.query.analytics;
