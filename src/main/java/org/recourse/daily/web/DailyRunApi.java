package org.recourse.daily.web;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.recourse.daily.DailyRunView;
import org.recourse.daily.DailyRuns;
import org.recourse.registry.SignedInUser;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Platform administrators start the nightly run of a business date by hand and follow runs. */
@RestController
@RequestMapping("/api/v1/daily-runs")
class DailyRunApi {

    private final DailyRuns runs;

    DailyRunApi(DailyRuns runs) {
        this.runs = runs;
    }

    /** The date as text, so that a missing or malformed date gets a field error, not a parse failure. */
    record StartForm(@Nullable String businessDate) {
    }

    /** 202: the run is queued and runs in the background; poll it until COMPLETED or FAILED. */
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<DailyRunView> start(@RequestBody StartForm form, @AuthenticationPrincipal SignedInUser user) {
        DailyRunView run = runs.start(user, form.businessDate());
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .location(URI.create("/api/v1/daily-runs/" + run.runId()))
                .body(run);
    }

    @GetMapping
    List<DailyRunView> latest() {
        return runs.latest();
    }

    @GetMapping("/{runId}")
    DailyRunView run(@PathVariable UUID runId) {
        return runs.run(runId);
    }
}
