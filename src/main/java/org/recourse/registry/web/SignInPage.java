package org.recourse.registry.web;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import jakarta.servlet.http.HttpSession;
import org.jspecify.annotations.Nullable;
import org.recourse.registry.SignInRefused;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.web.WebAttributes;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The sign-in form, which tells a refused person exactly why (wrong password, pending, rejected, locked). */
@Controller
class SignInPage {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(ZoneId.of("Asia/Shanghai"));

    @GetMapping("/login")
    String signIn(@RequestParam(required = false) @Nullable String error, HttpSession session, Model model) {
        if (error != null) {
            Object failure = session.getAttribute(WebAttributes.AUTHENTICATION_EXCEPTION);
            session.removeAttribute(WebAttributes.AUTHENTICATION_EXCEPTION);
            if (failure instanceof SignInRefused refused) {
                model.addAttribute("refusal", refused.code());
                model.addAttribute("reason", refused.reason());
                model.addAttribute("until", refused.until() == null ? null : TIME.format(refused.until()));
            } else {
                model.addAttribute("refusal", failure instanceof BadCredentialsException || failure == null
                        ? "signin.bad_credentials" : "signin.failed");
            }
        }
        return "registry/login";
    }
}
