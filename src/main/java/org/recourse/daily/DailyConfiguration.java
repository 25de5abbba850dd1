package org.recourse.daily;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The plan of the night from every {@link DailyStep} bean, and the scheduler that starts and resumes runs. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class DailyConfiguration {

    @Bean
    DailyPlan dailyPlan(ObjectProvider<DailyStep> steps) {
        return new DailyPlan(steps.stream().toList());
    }
}
