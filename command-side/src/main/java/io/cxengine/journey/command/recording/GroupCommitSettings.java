package io.cxengine.journey.command.recording;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Group commit of commands sent over the API ({@code journey.group-commit.*}, see {@link GroupCommit}).
 *
 * @param enabled    commands that arrive together are committed together; false: each command commits alone
 * @param committers threads that run and commit groups; each customer's commands always go to the same one, in order
 * @param maxCommands the most commands one group takes
 * @param lockWait   how long a command in a group waits for its customer's database lock before it goes back to its
 *                   sender, to be recorded alone (another process holds the customer)
 * @param linger     how long a committer waits after a group's first command for more to join it
 */
@ConfigurationProperties("journey.group-commit")
record GroupCommitSettings(@DefaultValue("true") boolean enabled, @DefaultValue("2") int committers,
                           @DefaultValue("32") int maxCommands, @DefaultValue("50ms") Duration lockWait,
                           @DefaultValue("0ms") Duration linger) {

    GroupCommitSettings {
        if (committers < 1 || maxCommands < 1) {
            throw new IllegalArgumentException("journey.group-commit.committers and max-commands must be at least 1");
        }
    }
}
