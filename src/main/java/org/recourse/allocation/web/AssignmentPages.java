package org.recourse.allocation.web;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.recourse.allocation.AssignCases;
import org.recourse.allocation.AssignmentDesk;
import org.recourse.allocation.AssignmentMode;
import org.recourse.cases.CaseDesk;
import org.recourse.registry.SignedInUser;
import org.recourse.shared.Problem;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Assignment on a page, for an agency's administrator: the bulk form (mode, which cases, which collectors with their
 * percentages or capacities), its preview table (collector, cases, outstanding) before anything is saved, and the
 * confirmation; and the reassignment of one case from the placements list, with a reason.
 */
@Controller
class AssignmentPages {

    private final AssignmentDesk desk;
    private final CaseDesk cases;

    AssignmentPages(AssignmentDesk desk, CaseDesk cases) {
        this.desk = desk;
        this.cases = cases;
    }

    /** What the form holds, to show it again with the preview or an error (public: the template calls it). */
    public record Form(AssignmentMode mode, boolean sameBorrower, boolean includeAssigned, @Nullable UUID institution,
            String buckets, Map<UUID, Share> shares, String reason) {

        static Form empty() {
            return new Form(AssignmentMode.COUNT, false, false, null, "", Map.of(), "");
        }

        public boolean takesPart(UUID collector) {
            return shares.isEmpty() || shares.containsKey(collector);
        }

        public String percent(UUID collector) {
            Share share = shares.get(collector);
            return share == null || share.percent() == null ? "" : share.percent();
        }

        public String capacity(UUID collector) {
            Share share = shares.get(collector);
            return share == null || share.capacity() == null ? "" : share.capacity();
        }
    }

    public record Share(@Nullable String percent, @Nullable String capacity) {
    }

    @GetMapping("/placements/assignments")
    String form(@AuthenticationPrincipal SignedInUser admin, Model model) {
        return page(admin, Form.empty(), model);
    }

    /** {@code action=preview} shows the plan and saves nothing; {@code action=confirm} saves it. */
    @PostMapping("/placements/assignments")
    String assign(@RequestParam MultiValueMap<String, String> params, @AuthenticationPrincipal SignedInUser admin,
            Model model, RedirectAttributes redirect) {
        Form form = read(params);
        boolean preview = !"confirm".equals(params.getFirst("action"));
        try {
            AssignCases request = request(form, preview);
            var outcome = desk.assign(admin, request);
            if (preview) {
                model.addAttribute("preview", outcome);
                return page(admin, form, model);
            }
            redirect.addFlashAttribute("done", outcome);
            return "redirect:/placements/assignments";
        } catch (Problem problem) {
            model.addAttribute("problemKey", key(problem));
            return page(admin, form, model);
        }
    }

    @PostMapping("/placements/cases/{caseId}/assignment")
    String reassign(@PathVariable UUID caseId, @RequestParam(required = false) @Nullable String collectorId,
            @RequestParam(required = false) @Nullable String reason, @AuthenticationPrincipal SignedInUser admin,
            RedirectAttributes redirect) {
        try {
            desk.assignOne(admin, caseId, uuid(collectorId), reason);
            redirect.addFlashAttribute("notice", "assignment.assigned_notice");
        } catch (Problem problem) {
            redirect.addFlashAttribute("problemKey", key(problem));
        }
        return "redirect:/placements?status=LIVE";
    }

    private String page(SignedInUser admin, Form form, Model model) {
        model.addAttribute("form", form);
        model.addAttribute("modes", AssignmentMode.values());
        model.addAttribute("collectors", desk.collectors(admin));
        model.addAttribute("institutions", cases.placingInstitutions(admin));
        return "allocation/assignments";
    }

    private static Form read(MultiValueMap<String, String> params) {
        AssignmentMode mode;
        try {
            mode = AssignmentMode.valueOf(String.valueOf(params.getFirst("mode")).strip());
        } catch (IllegalArgumentException e) {
            mode = AssignmentMode.COUNT;
        }
        Map<UUID, Share> shares = new LinkedHashMap<>();
        for (String id : params.getOrDefault("collector", List.of())) {
            UUID collector = uuid(id);
            if (collector != null) {
                shares.put(collector, new Share(params.getFirst("percent_" + collector),
                        params.getFirst("capacity_" + collector)));
            }
        }
        return new Form(mode, "true".equals(params.getFirst("sameBorrower")),
                "true".equals(params.getFirst("includeAssigned")), uuid(params.getFirst("institution")),
                text(params.getFirst("buckets")), shares, text(params.getFirst("reason")));
    }

    private static AssignCases request(Form form, boolean preview) {
        List<AssignCases.Share> shares = new ArrayList<>();
        form.shares().forEach((collector, share) -> shares.add(new AssignCases.Share(collector,
                number(share.percent()), integer(share.capacity()))));
        List<String> buckets = Arrays.stream(form.buckets().split("[,，\\s]+")).filter(b -> !b.isBlank()).toList();
        // Nobody ticked: the desk's own answer (no collectors) rather than every collector by default.
        if (shares.isEmpty()) {
            shares.add(new AssignCases.Share(null, null, null));
        }
        return new AssignCases(form.mode(), form.sameBorrower(), shares, null, form.institution(), buckets,
                form.includeAssigned(), form.reason().isBlank() ? null : form.reason(), preview);
    }

    private static @Nullable BigDecimal number(@Nullable String value) {
        try {
            return value == null || value.isBlank() ? null : new BigDecimal(value.strip());
        } catch (NumberFormatException e) {
            return null; // the desk says it is required
        }
    }

    private static @Nullable Integer integer(@Nullable String value) {
        try {
            return value == null || value.isBlank() ? null : Integer.valueOf(value.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String text(@Nullable String value) {
        return value == null ? "" : value;
    }

    private static @Nullable UUID uuid(@Nullable String value) {
        try {
            return value == null || value.isBlank() ? null : UUID.fromString(value.strip());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String key(Problem problem) {
        if ("validation_failed".equals(problem.code()) && !problem.fieldErrors().isEmpty()) {
            return "field." + problem.fieldErrors().get(0).code();
        }
        return problem.code();
    }
}
