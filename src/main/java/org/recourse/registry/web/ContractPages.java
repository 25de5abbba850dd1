package org.recourse.registry.web;

import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.recourse.registry.Contract;
import org.recourse.registry.ContractAction;
import org.recourse.registry.ContractDesk;
import org.recourse.registry.ContractDetail;
import org.recourse.registry.ContractProblem;
import org.recourse.registry.ContractScope;
import org.recourse.registry.ContractStatus;
import org.recourse.registry.Role;
import org.recourse.registry.SignedInUser;
import org.recourse.shared.Problem;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Entrustment contracts for both sides: the list, the institution's proposal form, and one contract with the
 * steps the reader's side may take next (the institution suspends, resumes or ends; the agency accepts or
 * declines a draft).
 */
@Controller
class ContractPages {

    private final ContractDesk desk;

    ContractPages(ContractDesk desk) {
        this.desk = desk;
    }

    @GetMapping("/contracts")
    String list(@RequestParam(required = false) @Nullable ContractStatus status,
                @AuthenticationPrincipal SignedInUser user, Model model) {
        model.addAttribute("contracts", desk.list(user, status));
        model.addAttribute("status", status);
        model.addAttribute("statuses", ContractStatus.values());
        return "registry/contracts";
    }

    @GetMapping("/contracts/new")
    String form(Model model) {
        return form(model, ContractForm.empty());
    }

    @PostMapping("/contracts")
    String propose(@RequestParam MultiValueMap<String, String> fields, @AuthenticationPrincipal SignedInUser admin,
                   Model model, RedirectAttributes redirect) {
        ContractForm form = ContractForm.from(fields);
        UUID id;
        try {
            id = desk.propose(admin, form.request()).value();
        } catch (ContractProblem problem) {
            FormErrors.show(model, problem);
            return form(model, form);
        }
        redirect.addFlashAttribute("notice", "contract.proposed_notice");
        return "redirect:/contracts/" + id;
    }

    @GetMapping("/contracts/{id}")
    String contract(@PathVariable UUID id, @AuthenticationPrincipal SignedInUser user, Model model) {
        ContractDetail detail = desk.find(user, id);
        model.addAttribute("detail", detail);
        model.addAttribute("c", detail.contract());
        model.addAttribute("history", desk.history(user, id));
        model.addAttribute("actions", actions(user, detail.contract()));
        model.addAttribute("anyBucket", detail.contract().scope().buckets().isEmpty());
        return "registry/contract";
    }

    @PostMapping("/contracts/{id}/{action:accept|decline|suspend|resume|end}")
    String take(@PathVariable UUID id, @PathVariable String action, @RequestParam(required = false) @Nullable String reason,
                @AuthenticationPrincipal SignedInUser user, Model model, HttpServletResponse response,
                RedirectAttributes redirect) {
        try {
            switch (action) {
                case "accept" -> desk.accept(user, id, reason);
                case "decline" -> desk.decline(user, id, reason);
                case "suspend" -> desk.suspend(user, id, reason);
                case "resume" -> desk.resume(user, id, reason);
                default -> desk.end(user, id, reason);
            }
        } catch (ContractProblem problem) {
            if (problem.kind() == Problem.Kind.NOT_FOUND) {
                throw problem;
            }
            // A refusal is shown on the contract itself, where the reader sees why it stands where it does.
            FormErrors.show(model, problem);
            // Three arguments, whatever the problem, so that the template can always pass them (contract.transition
            // names from, to and the action).
            model.addAttribute("problemArguments", Arrays.copyOf(problem.arguments(), 3));
            model.addAttribute("enteredReason", reason == null ? "" : reason);
            if (problem.kind() == Problem.Kind.CONFLICT) {
                response.setStatus(HttpServletResponse.SC_CONFLICT);
            }
            return contract(id, user, model);
        }
        redirect.addFlashAttribute("notice", "contract." + action + "_notice");
        return "redirect:/contracts/" + id;
    }

    private String form(Model model, ContractForm form) {
        model.addAttribute("form", form);
        model.addAttribute("agencies", desk.agencies());
        model.addAttribute("buckets", ContractScope.BUCKETS);
        return "registry/contract-new";
    }

    /** The steps the reader may take now: those of their side, in their role, that apply to its status. */
    private static List<ContractAction> actions(SignedInUser user, Contract contract) {
        boolean institutionAdmin = user.role() == Role.INSTITUTION_ADMIN
                && contract.institution().value().equals(user.organisationId());
        boolean agencyAdmin = user.role() == Role.AGENCY_ADMIN && contract.agency().value().equals(user.organisationId());
        return Arrays.stream(ContractAction.values())
                .filter(action -> action.appliesTo(contract.status()))
                .filter(action -> action.byAgency() ? agencyAdmin : institutionAdmin)
                .toList();
    }
}
