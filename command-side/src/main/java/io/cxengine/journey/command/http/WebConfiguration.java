package io.cxengine.journey.command.http;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Puts the write guard in front of the command endpoints. */
@Configuration
@EnableConfigurationProperties(ApiSettings.class)
class WebConfiguration implements WebMvcConfigurer {

    private final WriteGuard guard;

    WebConfiguration(WriteGuard guard) {
        this.guard = guard;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(guard);
    }
}
