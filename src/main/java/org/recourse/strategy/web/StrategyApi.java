package org.recourse.strategy.web;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.recourse.registry.SignedInUser;
import org.recourse.strategy.MessageTemplate;
import org.recourse.strategy.NewTemplate;
import org.recourse.strategy.StrategyDefinition;
import org.recourse.strategy.StrategyDesk;
import org.recourse.strategy.StrategyView;
import org.recourse.strategy.TemplateChannel;
import org.recourse.strategy.TemplateDesk;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Message templates and strategies over HTTP: the institution's administrator adds templates and saves, revises and
 * activates strategies; its people read them and the champion/challenger results.
 */
@RestController
@RequestMapping("/api/v1")
class StrategyApi {

    private final StrategyDesk strategies;
    private final TemplateDesk templates;

    StrategyApi(StrategyDesk strategies, TemplateDesk templates) {
        this.strategies = strategies;
        this.templates = templates;
    }

    @PostMapping("/templates")
    ResponseEntity<MessageTemplate> addTemplate(@RequestBody NewTemplate request,
            @AuthenticationPrincipal SignedInUser admin) {
        MessageTemplate template = templates.add(admin, request);
        return ResponseEntity.created(URI.create("/api/v1/templates/" + template.id())).body(template);
    }

    @GetMapping("/templates")
    List<MessageTemplate> templates(@RequestParam(required = false) @Nullable TemplateChannel channel,
            @AuthenticationPrincipal SignedInUser user) {
        return templates.list(user, channel);
    }

    @PostMapping("/strategies")
    ResponseEntity<StrategyView.Saved> create(@RequestBody StrategyDefinition definition,
            @AuthenticationPrincipal SignedInUser admin) {
        StrategyView.Saved saved = strategies.create(admin, definition);
        return ResponseEntity.created(URI.create("/api/v1/strategies/" + saved.id())).body(saved);
    }

    /** A new version of the strategy; the answer names it. */
    @PutMapping("/strategies/{id}")
    StrategyView.Saved revise(@PathVariable UUID id, @RequestBody StrategyDefinition definition,
            @AuthenticationPrincipal SignedInUser admin) {
        return strategies.revise(admin, id, definition);
    }

    @GetMapping("/strategies")
    List<StrategyView.Summary> list(@AuthenticationPrincipal SignedInUser user) {
        return strategies.list(user);
    }

    @GetMapping("/strategies/{id}")
    StrategyView.Detail find(@PathVariable UUID id, @AuthenticationPrincipal SignedInUser user) {
        return strategies.find(user, id);
    }

    record Activation(@Nullable String from, @Nullable Integer version) {
    }

    @PostMapping("/strategies/{id}/activate")
    StrategyView.Detail activate(@PathVariable UUID id, @RequestBody(required = false) @Nullable Activation activation,
            @AuthenticationPrincipal SignedInUser admin) {
        return strategies.activate(admin, id, activation == null ? null : activation.from(),
                activation == null ? null : activation.version());
    }

    @GetMapping("/strategies/{id}/results")
    StrategyView.Results results(@PathVariable UUID id, @AuthenticationPrincipal SignedInUser user) {
        return strategies.results(user, id);
    }
}
