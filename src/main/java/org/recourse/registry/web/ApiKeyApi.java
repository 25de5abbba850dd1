package org.recourse.registry.web;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.recourse.registry.ApiKeys;
import org.recourse.registry.ApiKeys.IssuedKey;
import org.recourse.registry.ApiKeys.KeyView;
import org.recourse.registry.SignedInUser;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** API keys of the caller's organisation: issue (the key is in this answer only), list, revoke. */
@RestController
@RequestMapping("/api/v1/api-keys")
class ApiKeyApi {

    private final ApiKeys keys;

    ApiKeyApi(ApiKeys keys) {
        this.keys = keys;
    }

    record NewKey(@Nullable String name, @Nullable UUID userId) {
    }

    @PostMapping
    ResponseEntity<IssuedKey> issue(@RequestBody NewKey request, @AuthenticationPrincipal SignedInUser admin) {
        IssuedKey issued = keys.issue(admin, request.userId(), request.name());
        return ResponseEntity.created(URI.create("/api/v1/api-keys/" + issued.id())).body(issued);
    }

    @GetMapping
    List<KeyView> list(@AuthenticationPrincipal SignedInUser admin) {
        return keys.list(admin);
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> revoke(@PathVariable UUID id, @AuthenticationPrincipal SignedInUser admin) {
        keys.revoke(admin, id);
        return ResponseEntity.noContent().build();
    }
}
