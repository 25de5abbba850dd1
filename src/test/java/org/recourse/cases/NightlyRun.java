package org.recourse.cases;

import java.time.LocalDate;
import java.util.UUID;

import org.springframework.context.ApplicationContext;

/**
 * The night's case steps for one institution, for tests in other packages that need what the nightly run leaves
 * (bucket history, the portfolio) without a scheduler: delinquency first, then the portfolio, as in the night.
 */
public final class NightlyRun {

    private NightlyRun() {
    }

    public static void run(ApplicationContext context, UUID institution, LocalDate businessDate) {
        context.getBean(DelinquencyStep.class).runFor(institution, businessDate);
        context.getBean(PortfolioStep.class).snapshot(institution, businessDate);
    }
}
