/** The service standards book: the company's limits for its standards, each version recorded ahead of its time. */
package io.cxengine.journey.command.standards;
