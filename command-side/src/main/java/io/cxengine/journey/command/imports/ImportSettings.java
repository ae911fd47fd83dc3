package io.cxengine.journey.command.imports;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import java.time.Duration;

/**
 * How imports record their lines.
 *
 * @param batchLines the most lines recorded in one transaction
 * @param batchTime  the longest a batch gathers lines before it commits; well under the write timeout, which bounds
 *                   how long a transaction may hold the events it appends
 * @param maxLine    the longest line; a longer one is refused (by its line number) and the import goes on
 */
@ConfigurationProperties("journey.imports")
record ImportSettings(@DefaultValue("500") int batchLines, @DefaultValue("2s") Duration batchTime,
                      @DefaultValue("64KB") DataSize maxLine) {
}
