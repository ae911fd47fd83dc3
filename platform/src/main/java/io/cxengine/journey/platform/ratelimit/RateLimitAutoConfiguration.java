package io.cxengine.journey.platform.ratelimit;

import io.cxengine.journey.platform.security.SecurityAutoConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** The rate limits of both sides: the address filter, the client interceptor and the live-stream caps. */
@AutoConfiguration(after = SecurityAutoConfiguration.class)
@EnableConfigurationProperties(RateLimitSettings.class)
public class RateLimitAutoConfiguration {

    @Bean
    RateLimitMetrics rateLimitMetrics(ObjectProvider<MeterRegistry> registry) {
        return new RateLimitMetrics(registry.getIfAvailable());
    }

    /** Before Spring Security's chain, so a refused address costs no token verification. */
    @Bean
    FilterRegistrationBean<AddressLimit> addressLimit(RateLimitSettings settings, RateLimitMetrics metrics) {
        FilterRegistrationBean<AddressLimit> registration =
                new FilterRegistrationBean<>(new AddressLimit(settings, metrics));
        registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER - 10);
        registration.setEnabled(settings.enabled());
        return registration;
    }

    /** Right after the scope check, before any interceptor that acts. */
    @Bean
    WebMvcConfigurer clientLimit(RateLimitSettings settings, RateLimitMetrics metrics) {
        return new WebMvcConfigurer() {
            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                if (settings.enabled()) {
                    registry.addInterceptor(new ClientLimit(settings, metrics))
                            .order(SecurityAutoConfiguration.SCOPE_CHECK_ORDER + 1);
                }
            }
        };
    }

    @Bean
    LiveStreams liveStreams(RateLimitSettings settings, RateLimitMetrics metrics) {
        return new LiveStreams(settings, metrics);
    }
}
