package org.recourse.cases.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.recourse.cases.CaseDesk;
import org.recourse.cases.CaseViews.BucketTotal;
import org.recourse.cases.CaseViews.Portfolio;
import org.recourse.registry.SignedInUser;
import org.springframework.context.MessageSource;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import tools.jackson.databind.json.JsonMapper;

/**
 * The institution's portfolio as the last nightly run left it: cases and outstanding per bucket, and how cases
 * rolled between buckets that day. The charts read their data from the page itself, so what the table says and
 * what the charts draw cannot differ.
 */
@Controller
class PortfolioPage {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final CaseDesk desk;
    private final MessageSource messages;

    PortfolioPage(CaseDesk desk, MessageSource messages) {
        this.desk = desk;
        this.messages = messages;
    }

    @GetMapping("/cases/portfolio")
    String portfolio(@AuthenticationPrincipal SignedInUser user, Model model, Locale locale) {
        Portfolio portfolio = desk.portfolio(user);
        model.addAttribute("portfolio", portfolio);
        model.addAttribute("chartData", JSON.writeValueAsString(chartData(portfolio, desk.settings(user).bands().names(), locale)));
        return "cases/portfolio";
    }

    /** What portfolio.js draws: plain lists, labels in the reader's language; taken-up cases come "from" new. */
    private Map<String, Object> chartData(Portfolio portfolio, List<String> bucketOrder, Locale locale) {
        String taken = text("case.portfolio.new", locale);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("labels", Map.of("cases", text("case.portfolio.cases", locale),
                "outstanding", text("case.portfolio.outstanding", locale),
                "from", text("case.portfolio.from", locale), "to", text("case.portfolio.to", locale)));
        data.put("buckets", portfolio.buckets().stream().map(BucketTotal::bucket).toList());
        data.put("cases", portfolio.buckets().stream().map(BucketTotal::cases).toList());
        data.put("outstanding", portfolio.buckets().stream().map(BucketTotal::outstanding).toList());
        data.put("rolls", portfolio.rolls().stream()
                .map(roll -> List.of(roll.from() == null ? taken : roll.from(), roll.to(), roll.cases())).toList());
        List<String> from = new ArrayList<>();
        from.add(taken);
        from.addAll(bucketOrder);
        data.put("rollFrom", from);
        data.put("rollTo", bucketOrder);
        return data;
    }

    private String text(String code, Locale locale) {
        return messages.getMessage(code, null, code, locale);
    }
}
