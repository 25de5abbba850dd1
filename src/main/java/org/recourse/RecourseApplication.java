package org.recourse;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Recourse (催收协作平台): the compliance-first collection platform. The root package holds nothing else. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class RecourseApplication {

    public static void main(String[] args) {
        SpringApplication.run(RecourseApplication.class, args);
    }
}
