package org.recourse.registry.web;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.recourse.registry.ContractChange;
import org.recourse.registry.ContractDesk;
import org.recourse.registry.ContractStatus;
import org.recourse.registry.NewContract;
import org.recourse.registry.SignedInUser;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Entrustment contracts over HTTP: the institution proposes, suspends, resumes and ends; the agency accepts or
 * declines; both read the contracts they are party to.
 */
@RestController
@RequestMapping("/api/v1/contracts")
class ContractApi {

    private final ContractDesk desk;

    ContractApi(ContractDesk desk) {
        this.desk = desk;
    }

    @PostMapping
    ResponseEntity<ContractView> propose(@RequestBody NewContract request, @AuthenticationPrincipal SignedInUser admin) {
        UUID id = desk.propose(admin, request).value();
        return ResponseEntity.created(URI.create("/api/v1/contracts/" + id))
                .body(ContractView.of(desk.find(admin, id)));
    }

    @GetMapping
    List<ContractView> list(@RequestParam(required = false) @Nullable ContractStatus status,
                            @AuthenticationPrincipal SignedInUser user) {
        return desk.list(user, status).stream().map(ContractView::of).toList();
    }

    @GetMapping("/{id}")
    ContractView find(@PathVariable UUID id, @AuthenticationPrincipal SignedInUser user) {
        return ContractView.of(desk.find(user, id));
    }

    /** Every change of status, the proposal first, with who and why. */
    @GetMapping("/{id}/history")
    List<ContractChange> history(@PathVariable UUID id, @AuthenticationPrincipal SignedInUser user) {
        return desk.history(user, id);
    }

    @PostMapping("/{id}/accept")
    ContractView accept(@PathVariable UUID id, @RequestBody(required = false) @Nullable Reason body,
                        @AuthenticationPrincipal SignedInUser admin) {
        desk.accept(admin, id, Reason.of(body));
        return ContractView.of(desk.find(admin, id));
    }

    @PostMapping("/{id}/decline")
    ContractView decline(@PathVariable UUID id, @RequestBody(required = false) @Nullable Reason body,
                         @AuthenticationPrincipal SignedInUser admin) {
        desk.decline(admin, id, Reason.of(body));
        return ContractView.of(desk.find(admin, id));
    }

    @PostMapping("/{id}/suspend")
    ContractView suspend(@PathVariable UUID id, @RequestBody(required = false) @Nullable Reason body,
                         @AuthenticationPrincipal SignedInUser admin) {
        desk.suspend(admin, id, Reason.of(body));
        return ContractView.of(desk.find(admin, id));
    }

    @PostMapping("/{id}/resume")
    ContractView resume(@PathVariable UUID id, @RequestBody(required = false) @Nullable Reason body,
                        @AuthenticationPrincipal SignedInUser admin) {
        desk.resume(admin, id, Reason.of(body));
        return ContractView.of(desk.find(admin, id));
    }

    @PostMapping("/{id}/end")
    ContractView end(@PathVariable UUID id, @RequestBody(required = false) @Nullable Reason body,
                     @AuthenticationPrincipal SignedInUser admin) {
        desk.end(admin, id, Reason.of(body));
        return ContractView.of(desk.find(admin, id));
    }

    /** Why: required to decline, suspend or end; optional to accept or resume. */
    record Reason(@Nullable String reason) {

        static @Nullable String of(@Nullable Reason body) {
            return body == null ? null : body.reason();
        }
    }
}
