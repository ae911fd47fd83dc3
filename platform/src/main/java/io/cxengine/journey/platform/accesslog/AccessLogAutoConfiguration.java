package io.cxengine.journey.platform.accesslog;

import io.cxengine.journey.platform.security.SecurityAutoConfiguration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.web.method.support.HandlerMethodReturnValueHandler;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The access log on both sides: each side's {@link AccessLogged} reads are logged in the one table of the event
 * store's database, so auditors read one log whichever process served the read.
 */
@AutoConfiguration(after = SecurityAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(AccessLogSettings.class)
@Import(AccessLogAnswers.class)
public class AccessLogAutoConfiguration {

    @Bean
    AccessLog accessLog(JdbcClient jdbc, PlatformTransactionManager transactions, Clock clock) {
        return new AccessLog(jdbc, transactions, clock);
    }

    @Bean
    AccessReads accessReads(AccessLog accessLog, AccessLogSettings settings) {
        return new AccessReads(accessLog, settings);
    }

    /** Stands just before the scope check, so that a read refused for its scope is logged too. */
    @Bean
    WebMvcConfigurer accessLogInterceptor(AccessReads reads) {
        return new WebMvcConfigurer() {
            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                registry.addInterceptor(new AccessLogInterceptor(reads)).order(SecurityAutoConfiguration.SCOPE_CHECK_ORDER - 1);
            }
        };
    }

    /** Streams are answered by return-value handlers, not message converters: ours goes first for logged ones. */
    @Bean
    SmartInitializingSingleton accessLoggedStreams(ObjectProvider<RequestMappingHandlerAdapter> adapters,
                                                   AccessReads reads) {
        return () -> adapters.orderedStream().forEach(adapter -> {
            List<HandlerMethodReturnValueHandler> handlers = new ArrayList<>(adapter.getReturnValueHandlers());
            handlers.add(0, new AccessLoggedStreams(adapter.getReturnValueHandlers(), reads));
            adapter.setReturnValueHandlers(handlers);
        });
    }
}
