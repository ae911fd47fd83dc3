/** How a command travels from the edge into the journey and what the caller gets back: the receipt of what was recorded. */
package io.cxengine.journey.command.recording;
