package io.cxengine.journey.command.imports;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import java.time.Duration;

/**
 * How imports record their lines.
 *
 * @param batchLines the most lines recorded in one transaction
 * @param batchTime  the longest a batch gathers lines, and then the longest it runs them (the rest go to the next
 *                   batch); well under the write timeout, which bounds how long a batch's events may wait for
 *                   their commit
 * @param maxLine    the longest line; a longer one is refused (by its line number) and the import goes on
 * @param maxRunning the most imports one engine process runs at once (each holds a database connection and, while a
 *                   batch runs, its customers' locks); one more is answered 429
 */
@ConfigurationProperties("journey.imports")
record ImportSettings(@DefaultValue("500") int batchLines, @DefaultValue("2s") Duration batchTime,
                      @DefaultValue("64KB") DataSize maxLine, @DefaultValue("4") int maxRunning) {
}
