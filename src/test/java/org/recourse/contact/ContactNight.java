package org.recourse.contact;

import java.time.LocalDate;
import java.util.UUID;

import org.springframework.context.ApplicationContext;

/** The night's contact plan for one institution, for tests in other packages (browser tests) without a scheduler. */
public final class ContactNight {

    private ContactNight() {
    }

    /** The tasks planned. */
    public static long run(ApplicationContext context, UUID institution, LocalDate businessDate) {
        return context.getBean(ContactPlanStep.class).plan(institution, businessDate).planned();
    }
}
