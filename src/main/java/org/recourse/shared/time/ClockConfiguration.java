package org.recourse.shared.time;

import java.time.Clock;

import org.recourse.shared.RecourseProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The one source of time on the platform. Nothing else may read the system clock (ArchitectureTests). */
@Configuration(proxyBeanMethods = false)
class ClockConfiguration {

    @Bean
    Clock clock(RecourseProperties properties) {
        return properties.testMode() ? new AdjustableClock(Clock.systemUTC()) : Clock.systemUTC();
    }
}
