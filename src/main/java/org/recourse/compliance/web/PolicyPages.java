package org.recourse.compliance.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.recourse.compliance.PolicyDesk;
import org.recourse.compliance.PolicyView;
import org.recourse.compliance.PolicyView.ParameterView;
import org.recourse.registry.Role;
import org.recourse.registry.SignedInUser;
import org.recourse.shared.Problem;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The policy an institution lives under: its pack and version, every parameter with its source, the
 * institution's overlay (changed by its administrators through a form that refuses a looser value, naming the
 * parameter), and every pack the platform ships, read-only.
 */
@Controller
class PolicyPages {

    /** Form fields carrying a parameter's value are named after it: {@code p.frequency.smsPerBorrowerPerDay}. */
    static final String PARAMETER_FIELD = "p.";

    private final PolicyDesk policies;

    PolicyPages(PolicyDesk policies) {
        this.policies = policies;
    }

    @GetMapping("/compliance/policy")
    String policy(@AuthenticationPrincipal SignedInUser user, Model model, Locale locale) {
        show(model, policies.policy(user, locale), user.role() == Role.INSTITUTION_ADMIN, Map.of());
        return "compliance/policy";
    }

    @PostMapping("/compliance/policy")
    String change(@RequestParam Map<String, String> fields, @RequestParam(required = false) @Nullable String reason,
            @AuthenticationPrincipal SignedInUser user, Model model, Locale locale, RedirectAttributes redirect) {
        Map<String, String> typed = new LinkedHashMap<>();
        fields.forEach((name, value) -> {
            if (name.startsWith(PARAMETER_FIELD)) {
                typed.put(name.substring(PARAMETER_FIELD.length()), value);
            }
        });
        try {
            policies.changeAsTyped(user, typed, reason, locale);
        } catch (Problem problem) {
            FormProblems.show(model, problem);
            show(model, policies.policy(user, locale), true, typed);
            model.addAttribute("enteredReason", reason == null ? "" : reason);
            return "compliance/policy";
        }
        redirect.addFlashAttribute("notice", "compliance.policy.saved_notice");
        return "redirect:/compliance/policy";
    }

    /** The policy, and each parameter's institution value as the form shows it (a list comma-separated). */
    private static void show(Model model, PolicyView policy, boolean mayChange, Map<String, String> entered) {
        Map<String, String> current = new LinkedHashMap<>();
        for (ParameterView parameter : policy.parameters()) {
            Object own = parameter.institutionValue();
            current.put(parameter.key(), own == null ? ""
                    : own instanceof List<?> list ? list.stream().map(Object::toString).collect(Collectors.joining(","))
                    : own.toString());
        }
        model.addAttribute("policy", policy);
        model.addAttribute("mayChange", mayChange);
        model.addAttribute("entered", entered);
        model.addAttribute("current", current);
    }

    @GetMapping("/compliance/packs")
    String packs(Model model, Locale locale) {
        model.addAttribute("packs", policies.packs(locale));
        return "compliance/packs";
    }
}
