package org.recourse.compliance.web;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.recourse.compliance.DecisionLog;
import org.recourse.compliance.DecisionLogViews.DecisionDetail;
import org.recourse.compliance.DecisionView;
import org.recourse.compliance.DecisionLogViews.AgencyCount;
import org.recourse.compliance.DecisionLogViews.DenialSummary;
import org.recourse.compliance.DecisionLogViews.LogPage;
import org.recourse.compliance.DecisionLogViews.RuleCount;
import org.recourse.registry.Role;
import org.recourse.registry.SignedInUser;
import org.recourse.shared.Problem;
import org.springframework.context.MessageSource;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import tools.jackson.databind.json.JsonMapper;

/**
 * The compliance officer's pages on decisions: the log with its filters and the period's denials by rule and by
 * agency (charts and the same numbers as tables), one decision explained in plain words, and a case's timeline.
 */
@Controller
class DecisionLogPages {

    static final int PAGE_SIZE = 50;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final DecisionLog log;
    private final MessageSource messages;

    DecisionLogPages(DecisionLog log, MessageSource messages) {
        this.log = log;
        this.messages = messages;
    }

    @GetMapping("/compliance/decisions")
    String decisions(@ModelAttribute("form") DecisionLogForm form, @AuthenticationPrincipal SignedInUser user,
            Model model, Locale locale) {
        model.addAttribute("ruleIds", log.ruleIds());
        model.addAttribute("firstUrl", form.link("/compliance/decisions", null));
        model.addAttribute("paged", form.cursor() != null && !form.cursor().isBlank());
        model.addAttribute("mayOpenCases", opensCases(user));
        try {
            DenialSummary summary = log.summary(user, form.filtersOnly());
            model.addAttribute("summary", summary);
            model.addAttribute("chartData", JSON.writeValueAsString(chartData(summary, user, locale)));
            LogPage page = log.page(user, form.request(), PAGE_SIZE);
            model.addAttribute("page", page);
            model.addAttribute("nextUrl", page.next() == null ? null : form.link("/compliance/decisions", page.next()));
        } catch (Problem problem) {
            // A malformed filter or a cursor that was not ours: said next to the field, the rest of the page stays.
            FormProblems.show(model, problem);
        }
        return "compliance/decisions";
    }

    @GetMapping("/compliance/decisions/{id}")
    String decision(@PathVariable UUID id, @AuthenticationPrincipal SignedInUser user, Model model, Locale locale) {
        DecisionDetail detail = log.detail(user, id, locale);
        DecisionView decision = detail.decision();
        ZoneId borrowerZone = ZoneId.of(decision.borrowerZone());
        model.addAttribute("d", detail);
        model.addAttribute("nextAllowed", local(decision.nextAllowedAt(), borrowerZone));
        model.addAttribute("validUntil", local(decision.reservationExpiresAt(), borrowerZone));
        model.addAttribute("mayOpenCases", opensCases(user));
        return "compliance/decision";
    }

    @GetMapping("/compliance/cases/{id}")
    String timeline(@PathVariable UUID id, @AuthenticationPrincipal SignedInUser user, Model model) {
        model.addAttribute("t", log.timeline(user, id));
        model.addAttribute("mayOpenCases", opensCases(user));
        return "compliance/timeline";
    }

    private static @Nullable LocalDateTime local(@Nullable Instant instant, ZoneId zone) {
        return instant == null ? null : LocalDateTime.ofInstant(instant, zone);
    }

    /** The case pages are the institution staff's; a compliance officer reads the compliance timeline instead. */
    private static boolean opensCases(SignedInUser user) {
        return user.role() == Role.INSTITUTION_ADMIN || user.role() == Role.INSTITUTION_OPERATOR;
    }

    /** What compliance-charts.js draws: the tables' numbers, labels in the reader's language. */
    private Map<String, Object> chartData(DenialSummary summary, SignedInUser user, Locale locale) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("label", messages.getMessage("compliance.log.denials", null, locale));
        data.put("rules", summary.byRule().stream().map(RuleCount::ruleId).toList());
        data.put("ruleDenials", summary.byRule().stream().map(RuleCount::denials).toList());
        String own = messages.getMessage("compliance.log.own_institution", new Object[] {user.organisationName()}, locale);
        data.put("agencies", summary.byAgency().stream().map(agency -> agency.institution() ? own : agency.name()).toList());
        data.put("agencyDenials", summary.byAgency().stream().map(AgencyCount::denials).toList());
        return data;
    }
}
