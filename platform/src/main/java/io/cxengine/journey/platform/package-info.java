/**
 * What every process of the engine starts with: its defaults, its clock, and instants as UTC timestamps; each concern
 * of the platform in its own package beneath.
 */
package io.cxengine.journey.platform;
