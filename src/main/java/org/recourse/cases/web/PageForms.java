package org.recourse.cases.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.recourse.shared.Problem;
import org.recourse.shared.Problem.FieldError;
import org.springframework.ui.Model;

/**
 * Puts a refused form's problem into the model for the templates: which form it was ({@code formWithErrors}, since
 * the case page has several), the field errors as {@code errors: field → code}, and the problem's code and
 * arguments for the message above the form. As registry's FormErrors does for one-form pages.
 */
final class PageForms {

    private PageForms() {
    }

    static void show(Model model, String form, Problem problem) {
        show(model, form, problem.code(), problem.fieldErrors(), problem.arguments());
    }

    static void show(Model model, String form, List<FieldError> fieldErrors) {
        show(model, form, "validation_failed", fieldErrors, new Object[0]);
    }

    private static void show(Model model, String form, String code, List<FieldError> fieldErrors,
            Object[] arguments) {
        Map<String, String> errors = new LinkedHashMap<>();
        fieldErrors.forEach(error -> errors.putIfAbsent(error.field(), error.code()));
        model.addAttribute("formWithErrors", form);
        model.addAttribute("errors", errors);
        model.addAttribute("problem", code);
        model.addAttribute("problemArguments", arguments);
    }
}
