package org.recourse.compliance.web;

import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.recourse.compliance.ComplaintDesk;
import org.recourse.compliance.ComplaintView;
import org.recourse.compliance.RecordComplaint;
import org.recourse.registry.SignedInUser;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The complaint register over HTTP, for an institution's staff and compliance officers. */
@RestController
@RequestMapping("/api/v1/complaints")
class ComplaintApi {

    private final ComplaintDesk desk;

    ComplaintApi(ComplaintDesk desk) {
        this.desk = desk;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    ComplaintView record(@RequestBody RecordComplaint request, @AuthenticationPrincipal SignedInUser user) {
        return desk.record(user, request);
    }

    /** The complaint with its summary as recorded: personal data, so audited. */
    @PostMapping("/{id}/reveal")
    ComplaintView reveal(@PathVariable UUID id, @AuthenticationPrincipal SignedInUser user) {
        return desk.reveal(user, id);
    }

    @GetMapping
    List<ComplaintView> list(@RequestParam(required = false) @Nullable UUID caseId,
            @RequestParam(required = false) @Nullable UUID agencyId, @AuthenticationPrincipal SignedInUser user) {
        return desk.list(user, caseId, agencyId);
    }
}
