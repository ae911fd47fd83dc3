/** The auditors' reading of the access log: who read which customer's data. */
package io.cxengine.journey.command.accesslog;
