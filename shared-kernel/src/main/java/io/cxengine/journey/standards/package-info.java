/** The published language of the service standards book: which limit each standard had, from when, and why. */
package io.cxengine.journey.standards;
