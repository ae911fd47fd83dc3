package io.cxengine.journey.platform;

import org.springframework.boot.autoconfigure.AutoConfigurationImportFilter;
import org.springframework.boot.autoconfigure.AutoConfigurationMetadata;

/**
 * Keeps Axon's update checker out of every context: it phones home (and fails offline), and the checker of
 * axon-spring-boot-autoconfigure 4.12.2 no longer fits axon-messaging 4.12.3. The system property that
 * {@link PlatformDefaults} sets switches off the non-Spring path as well.
 */
public class NoUpdateCheck implements AutoConfigurationImportFilter {

    static final String UPDATE_CHECKER = "org.axonframework.springboot.autoconfig.UpdateCheckerAutoConfiguration";

    @Override
    public boolean[] match(String[] autoConfigurationClasses, AutoConfigurationMetadata metadata) {
        boolean[] matches = new boolean[autoConfigurationClasses.length];
        for (int i = 0; i < autoConfigurationClasses.length; i++) {
            matches[i] = !UPDATE_CHECKER.equals(autoConfigurationClasses[i]);
        }
        return matches;
    }
}
