package org.recourse.strategy.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.recourse.registry.Role;
import org.recourse.registry.SignedInUser;
import org.recourse.shared.Problem;
import org.recourse.strategy.NewTemplate;
import org.recourse.strategy.StrategyDefinition;
import org.recourse.strategy.StrategyDesk;
import org.recourse.strategy.StrategyView;
import org.recourse.strategy.TemplateDesk;
import org.springframework.context.MessageSource;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Strategies and templates on pages: the list, a strategy's versions with the segments of one, the form (a name and
 * the segments as JSON, every refusal listed with its field path), activation from a day, the champion/challenger
 * results with a chart; the templates with the form to add one. The institution's administrator edits, its other
 * people read.
 */
@Controller
class StrategyPages {

    private static final TypeReference<List<StrategyDefinition.Segment>> SEGMENTS = new TypeReference<>() {
    };

    private final StrategyDesk strategies;
    private final TemplateDesk templates;
    private final JsonMapper json;
    private final MessageSource messages;

    StrategyPages(StrategyDesk strategies, TemplateDesk templates, JsonMapper json, MessageSource messages) {
        this.strategies = strategies;
        this.templates = templates;
        this.json = json.rebuild().enable(SerializationFeature.INDENT_OUTPUT).build();
        this.messages = messages;
    }

    @GetMapping("/strategies")
    String list(@AuthenticationPrincipal SignedInUser user, Model model) {
        model.addAttribute("strategies", strategies.list(user));
        model.addAttribute("mayEdit", user.role() == Role.INSTITUTION_ADMIN);
        return "strategy/list";
    }

    @GetMapping("/strategies/new")
    String newForm(@AuthenticationPrincipal SignedInUser user, Model model) {
        return form(user, model, null, "", EXAMPLE, List.of());
    }

    @PostMapping("/strategies")
    String create(@RequestParam(required = false) @Nullable String name,
            @RequestParam(required = false) @Nullable String segments, @AuthenticationPrincipal SignedInUser admin,
            Model model) {
        try {
            StrategyView.Saved saved = strategies.create(admin, new StrategyDefinition(name, parse(segments)));
            return "redirect:/strategies/" + saved.id() + "?saved=" + saved.version();
        } catch (Problem problem) {
            return form(admin, model, null, name, segments, problem.fieldErrors());
        }
    }

    @GetMapping("/strategies/{id}")
    String detail(@PathVariable UUID id, @RequestParam(required = false) @Nullable Integer version,
            @RequestParam(required = false) @Nullable Integer saved, @AuthenticationPrincipal SignedInUser user,
            Model model) {
        StrategyView.Detail detail = strategies.find(user, id);
        StrategyView.Version shown = version == null ? null : detail.version(version);
        model.addAttribute("strategy", detail);
        model.addAttribute("shown", shown == null ? detail.latest() : shown);
        model.addAttribute("mayEdit", user.role() == Role.INSTITUTION_ADMIN);
        if (saved != null) {
            model.addAttribute("notice", "strategy.saved_notice");
        }
        return "strategy/detail";
    }

    @GetMapping("/strategies/{id}/edit")
    String editForm(@PathVariable UUID id, @AuthenticationPrincipal SignedInUser user, Model model) {
        StrategyView.Detail detail = strategies.find(user, id);
        StrategyView.Version latest = detail.latest();
        return form(user, model, detail, latest.name(), json.writeValueAsString(latest.definition().segments()), List.of());
    }

    @PostMapping("/strategies/{id}")
    String revise(@PathVariable UUID id, @RequestParam(required = false) @Nullable String name,
            @RequestParam(required = false) @Nullable String segments, @AuthenticationPrincipal SignedInUser admin,
            Model model) {
        try {
            StrategyView.Saved saved = strategies.revise(admin, id, new StrategyDefinition(name, parse(segments)));
            return "redirect:/strategies/" + saved.id() + "?saved=" + saved.version();
        } catch (Problem problem) {
            if ("strategy.not_found".equals(problem.code())) {
                throw problem;
            }
            return form(admin, model, strategies.find(admin, id), name, segments, problem.fieldErrors());
        }
    }

    @PostMapping("/strategies/{id}/activate")
    String activate(@PathVariable UUID id, @RequestParam(required = false) @Nullable String from,
            @RequestParam(required = false) @Nullable Integer version, @AuthenticationPrincipal SignedInUser admin,
            RedirectAttributes redirect, Locale locale) {
        try {
            strategies.activate(admin, id, from, version);
            redirect.addFlashAttribute("notice", "strategy.activated_notice");
        } catch (Problem problem) {
            if ("strategy.not_found".equals(problem.code())) {
                throw problem;
            }
            redirect.addFlashAttribute("problemKey", problem.fieldErrors().isEmpty() ? problem.code()
                    : "field." + problem.fieldErrors().get(0).code());
        }
        return "redirect:/strategies/" + id;
    }

    @GetMapping("/strategies/{id}/results")
    String results(@PathVariable UUID id, @AuthenticationPrincipal SignedInUser user, Model model, Locale locale) {
        StrategyView.Results results = strategies.results(user, id);
        model.addAttribute("results", results);
        Map<String, Object> chart = new LinkedHashMap<>();
        String whole = messages.getMessage("strategy.results.whole_segment", null, locale);
        chart.put("groups", results.groups().stream()
                .map(group -> group.segment() + " · " + (group.variant() == null ? whole : group.variant())).toList());
        chart.put("rateLabel", messages.getMessage("strategy.results.recovery_rate", null, locale));
        chart.put("rates", results.groups().stream().map(group -> group.recoveryRate().movePointRight(2)).toList());
        chart.put("contactsLabel", messages.getMessage("strategy.results.contacts_per_case", null, locale));
        chart.put("contacts", results.groups().stream().map(StrategyView.Group::contactsPerCase).toList());
        model.addAttribute("chartData", json.writeValueAsString(chart));
        return "strategy/results";
    }

    @GetMapping("/templates")
    String templates(@AuthenticationPrincipal SignedInUser user, Model model) {
        return templatePage(user, model, new NewTemplate(null, "SMS", "BORROWER", null), null);
    }

    @PostMapping("/templates")
    String addTemplate(@RequestParam(required = false) @Nullable String name,
            @RequestParam(required = false) @Nullable String channel,
            @RequestParam(required = false) @Nullable String text, @AuthenticationPrincipal SignedInUser admin,
            Model model, RedirectAttributes redirect) {
        NewTemplate request = new NewTemplate(name, channel, "BORROWER", text);
        try {
            templates.add(admin, request);
            redirect.addFlashAttribute("notice", "template.added_notice");
            return "redirect:/templates";
        } catch (Problem problem) {
            return templatePage(admin, model, request, problem);
        }
    }

    private String templatePage(SignedInUser user, Model model, NewTemplate form, @Nullable Problem problem) {
        model.addAttribute("templates", templates.list(user, null));
        model.addAttribute("mayEdit", user.role() == Role.INSTITUTION_ADMIN);
        model.addAttribute("form", form);
        model.addAttribute("channels", org.recourse.strategy.TemplateChannel.values());
        if (problem != null) {
            Map<String, String> errors = new LinkedHashMap<>();
            problem.fieldErrors().forEach(error -> errors.putIfAbsent(error.field(), error.code()));
            model.addAttribute("errors", errors);
            model.addAttribute("problem", problem.code());
            model.addAttribute("findings", problem.properties().get("findings"));
        }
        return "strategy/templates";
    }

    private String form(SignedInUser user, Model model, StrategyView.@Nullable Detail strategy, @Nullable String name,
            @Nullable String segments, List<Problem.FieldError> errors) {
        model.addAttribute("strategy", strategy);
        model.addAttribute("name", name);
        model.addAttribute("segments", segments);
        model.addAttribute("errors", errors);
        model.addAttribute("templates", templates.list(user, null));
        return "strategy/form";
    }

    /** The segments typed as JSON; text that is not JSON of segments is refused at the field. */
    private @Nullable List<StrategyDefinition.Segment> parse(@Nullable String segments) {
        if (segments == null || segments.isBlank()) {
            return null;
        }
        try {
            return json.readValue(segments, SEGMENTS);
        } catch (JacksonException e) {
            throw new FormProblem("segments", "strategy.form.json_invalid");
        }
    }

    /** A form value the page could not read; listed with the message of its code. */
    private static final class FormProblem extends Problem {
        FormProblem(String field, String code) {
            super(Kind.INVALID, "validation_failed", List.of(new FieldError(field, code)));
        }
    }

    /** What a new strategy's form starts with: one segment for early cases, one catch-all. */
    private static final String EXAMPLE = """
            [
              {
                "name": "M1",
                "conditions": {"buckets": ["M1"]},
                "steps": [{"dayOffset": 0, "action": "VOICE"}],
                "variants": []
              },
              {
                "name": "其他 / rest",
                "conditions": {},
                "steps": [{"dayOffset": 0, "action": "INTERNAL_QUEUE"}]
              }
            ]
            """;
}
