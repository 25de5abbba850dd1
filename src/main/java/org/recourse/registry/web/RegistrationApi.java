package org.recourse.registry.web;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.recourse.registry.Contact;
import org.recourse.registry.OrganisationStatus;
import org.recourse.registry.RegisterOrganisation;
import org.recourse.registry.RegistrationDesk;
import org.recourse.registry.RegistrationView;
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

/** Registration of institutions and agencies (public) and its review by the platform operator. */
@RestController
@RequestMapping("/api/v1/registrations")
class RegistrationApi {

    private final RegistrationDesk desk;

    RegistrationApi(RegistrationDesk desk) {
        this.desk = desk;
    }

    @PostMapping
    ResponseEntity<Map<String, Object>> register(@RequestBody RegisterOrganisation request) {
        UUID id = desk.register(request);
        return ResponseEntity.created(URI.create("/api/v1/registrations/" + id))
                .body(Map.of("id", id, "status", OrganisationStatus.PENDING));
    }

    @GetMapping
    List<RegistrationView> list(@RequestParam(defaultValue = "PENDING") OrganisationStatus status) {
        return desk.list(status);
    }

    @GetMapping("/{id}")
    RegistrationView find(@PathVariable UUID id) {
        return desk.find(id);
    }

    @PostMapping("/{id}/approve")
    RegistrationView approve(@PathVariable UUID id, @RequestBody(required = false) @Nullable Decision decision,
                             @AuthenticationPrincipal SignedInUser operator) {
        desk.approve(id, operator, decision == null ? null : decision.reason());
        return desk.find(id);
    }

    @PostMapping("/{id}/reject")
    RegistrationView reject(@PathVariable UUID id, @RequestBody(required = false) @Nullable Decision decision,
                            @AuthenticationPrincipal SignedInUser operator) {
        desk.reject(id, operator, decision == null ? null : decision.reason());
        return desk.find(id);
    }

    /** The contact person in full; every call is recorded in the audit trail. */
    @PostMapping("/{id}/contact/reveal")
    Contact revealContact(@PathVariable UUID id, @AuthenticationPrincipal SignedInUser operator) {
        return desk.revealContact(id, operator);
    }

    /** The operator's reason: required to reject, optional to approve. */
    record Decision(@Nullable String reason) {
    }
}
