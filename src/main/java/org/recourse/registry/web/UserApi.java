package org.recourse.registry.web;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.recourse.registry.NewUser;
import org.recourse.registry.Profile;
import org.recourse.registry.SignedInUser;
import org.recourse.registry.UserAdministration;
import org.recourse.registry.UserView;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The caller's own profile, and an administrator's management of their organisation's users. */
@RestController
@RequestMapping("/api/v1")
class UserApi {

    private final UserAdministration administration;

    UserApi(UserAdministration administration) {
        this.administration = administration;
    }

    @GetMapping("/me")
    Profile me(@AuthenticationPrincipal SignedInUser user) {
        return Profile.of(user);
    }

    @GetMapping("/users")
    List<UserView> list(@AuthenticationPrincipal SignedInUser admin) {
        return administration.list(admin);
    }

    @PostMapping("/users")
    ResponseEntity<UserView> create(@RequestBody NewUser request, @AuthenticationPrincipal SignedInUser admin) {
        UUID id = administration.create(admin, request);
        return ResponseEntity.created(URI.create("/api/v1/users/" + id)).body(administration.find(admin, id));
    }

    @GetMapping("/users/{id}")
    UserView find(@PathVariable UUID id, @AuthenticationPrincipal SignedInUser admin) {
        return administration.find(admin, id);
    }

    @PostMapping("/users/{id}/disable")
    UserView disable(@PathVariable UUID id, @AuthenticationPrincipal SignedInUser admin) {
        administration.disable(admin, id);
        return administration.find(admin, id);
    }

    @PostMapping("/users/{id}/enable")
    UserView enable(@PathVariable UUID id, @AuthenticationPrincipal SignedInUser admin) {
        administration.enable(admin, id);
        return administration.find(admin, id);
    }

    @PostMapping("/users/{id}/password")
    ResponseEntity<Void> resetPassword(@PathVariable UUID id, @RequestBody(required = false) @Nullable NewPassword body,
                                       @AuthenticationPrincipal SignedInUser admin) {
        administration.resetPassword(admin, id, body == null ? null : body.password());
        return ResponseEntity.noContent().build();
    }

    /** A password an administrator sets for one of their users. */
    record NewPassword(@Nullable String password) {
    }

}
