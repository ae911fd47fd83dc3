/** The command side: it decides which facts of a customer's journey are recorded, and records them. */
package io.cxengine.journey.command;
