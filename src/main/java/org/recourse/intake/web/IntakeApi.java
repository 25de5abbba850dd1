package org.recourse.intake.web;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.recourse.intake.BatchErrorView;
import org.recourse.intake.BatchView;
import org.recourse.intake.IntakeDesk;
import org.recourse.registry.SignedInUser;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** Institutions' systems hand in accounts (file or JSON) and follow their batches. */
@RestController
@RequestMapping("/api/v1/intake")
class IntakeApi {

    private final IntakeDesk desk;

    IntakeApi(IntakeDesk desk) {
        this.desk = desk;
    }

    @PostMapping(path = "/files", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<BatchView> uploadFile(@RequestParam("file") MultipartFile file,
                                         @RequestHeader(name = "Idempotency-Key", required = false) @Nullable String key,
                                         @AuthenticationPrincipal SignedInUser user) throws IOException {
        try (InputStream content = file.getInputStream()) {
            return accepted(desk.receiveFile(user, content, file.getOriginalFilename(), key));
        }
    }

    @PostMapping(path = "/accounts", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<BatchView> postAccounts(@RequestBody byte[] accounts,
                                           @RequestHeader(name = "Idempotency-Key", required = false) @Nullable String key,
                                           @AuthenticationPrincipal SignedInUser user) {
        return accepted(desk.receiveAccounts(user, accounts, key));
    }

    @GetMapping("/batches")
    List<BatchView> batches(@AuthenticationPrincipal SignedInUser user) {
        return desk.latest(user);
    }

    @GetMapping("/batches/{batchId}")
    BatchView batch(@PathVariable UUID batchId, @AuthenticationPrincipal SignedInUser user) {
        return desk.batch(user, batchId);
    }

    @GetMapping("/batches/{batchId}/errors")
    List<BatchErrorView> errors(@PathVariable UUID batchId, @AuthenticationPrincipal SignedInUser user, Locale locale) {
        return desk.errors(user, batchId, locale);
    }

    /**
     * 202 with the batch. A request repeating an earlier one's Idempotency-Key and content gets the same
     * answer about the same batch (as the IETF Idempotency-Key draft asks), marked {@code Idempotent-Replayed}.
     */
    private static ResponseEntity<BatchView> accepted(IntakeDesk.Receipt receipt) {
        BatchView batch = receipt.batch();
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .location(URI.create("/api/v1/intake/batches/" + batch.batchId()))
                .header("Idempotent-Replayed", Boolean.toString(!receipt.created()))
                .body(batch);
    }
}
