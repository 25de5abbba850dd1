package org.recourse.cases;

import java.time.LocalDate;
import java.util.UUID;

import org.recourse.daily.DailyStep;
import org.recourse.daily.StepOutcome;
import org.recourse.daily.StepProgress;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Right after delinquency: the portfolio of each institution as of the business date (open cases and
 * outstanding per bucket), so that the portfolio page reads a few rows instead of every account.
 */
@Component
class PortfolioStep implements DailyStep {

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;

    PortfolioStep(JdbcClient jdbc, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    @Override
    public String name() {
        return "portfolio";
    }

    @Override
    public int order() {
        return 150;
    }

    @Override
    public StepOutcome run(LocalDate businessDate, StepProgress progress) {
        long institutions = 0;
        long rows = 0;
        for (UUID institution : DelinquencyStep.institutions(jdbc)) {
            rows += snapshot(institution, businessDate);
            progress.update(++institutions, rows);
        }
        return new StepOutcome(institutions, rows);
    }

    long snapshot(UUID institution, LocalDate businessDate) {
        Integer written = transactions.execute(status -> {
            jdbc.sql(DelinquencySql.CLEAR_PORTFOLIO_DAY).param("institution", institution).param("date", businessDate)
                    .update();
            return jdbc.sql(DelinquencySql.PORTFOLIO_DAY).param("institution", institution)
                    .param("date", businessDate).update();
        });
        return written == null ? 0 : written;
    }
}
