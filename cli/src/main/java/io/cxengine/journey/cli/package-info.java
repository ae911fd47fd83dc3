/** The engine's command-line client: sends files of commands to {@code POST /imports}, with progress and resumption. */
package io.cxengine.journey.cli;
