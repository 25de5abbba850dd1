package org.recourse.allocation.web;

import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.recourse.allocation.GrantCases;
import org.recourse.allocation.GrantDesk;
import org.recourse.allocation.GrantView;
import org.recourse.registry.SignedInUser;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Grants over HTTP: an agency's administrator lets a collector read and work placed cases beyond their own, revokes
 * it, and lists the agency's grants; a collector lists their own.
 */
@RestController
@RequestMapping("/api/v1/placements/grants")
class GrantApi {

    private final GrantDesk desk;

    GrantApi(GrantDesk desk) {
        this.desk = desk;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    GrantView grant(@RequestBody GrantCases request, @AuthenticationPrincipal SignedInUser admin) {
        return desk.grant(admin, request);
    }

    @DeleteMapping("/{id}")
    GrantView revoke(@PathVariable UUID id, @AuthenticationPrincipal SignedInUser admin) {
        return desk.revoke(admin, id);
    }

    @GetMapping
    List<GrantView> list(@RequestParam(required = false) @Nullable UUID collectorId,
            @RequestParam(required = false) @Nullable String status, @AuthenticationPrincipal SignedInUser user) {
        return desk.list(user, collectorId, status);
    }
}
