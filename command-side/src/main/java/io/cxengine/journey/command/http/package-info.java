/** The REST commands of a customer's journey: thin controllers over the command gateway, and their problems. */
package io.cxengine.journey.command.http;
