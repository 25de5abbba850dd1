package org.recourse.cases.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.recourse.cases.CaseDesk;
import org.recourse.cases.CaseProblem;
import org.recourse.cases.CaseStatus;
import org.recourse.cases.CaseViews.CaseFilter;
import org.recourse.cases.CaseViews.CasePage;
import org.recourse.cases.CaseViews.CaseSort;
import org.recourse.cases.HoldKind;
import org.recourse.registry.Role;
import org.recourse.registry.SignedInUser;
import org.recourse.shared.FieldChecks;
import org.springframework.context.MessageSource;
import org.springframework.http.ContentDisposition;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * An institution's cases as a filtered, sorted list in pages, and the same list as a spreadsheet; for an agency,
 * the cases placed with it. An institution's administrator may tick cases and place them under a contract (the
 * form posts to allocation's placement page).
 */
@Controller
class CaseListPages {

    static final int PAGE_SIZE = 50;

    private final CaseDesk desk;
    private final PlaceableContracts placeable;
    private final MessageSource messages;

    CaseListPages(CaseDesk desk, PlaceableContracts placeable, MessageSource messages) {
        this.desk = desk;
        this.placeable = placeable;
        this.messages = messages;
    }

    @GetMapping("/cases")
    String list(@ModelAttribute("form") CaseListForm form, @AuthenticationPrincipal SignedInUser user, Model model) {
        List<String> buckets = desk.bucketNames(user, form.institutionId());
        model.addAttribute("buckets", buckets);
        // An agency reads one institution's placed cases at a time; the institution's staff never see this choice.
        model.addAttribute("placing", desk.placingInstitutions(user));
        model.addAttribute("byAgency", !CaseDesk.mayChange(user));
        // A collector reads only the cases assigned to them; the agency's administrator assigns them.
        model.addAttribute("myCases", user.role() == Role.COLLECTOR);
        model.addAttribute("mayAssign", user.role() == Role.AGENCY_ADMIN);
        model.addAttribute("contracts", placeable.contracts(user));
        model.addAttribute("statuses", CaseStatus.values());
        model.addAttribute("holdKinds", HoldKind.values());
        model.addAttribute("sorts", CaseSort.values());
        model.addAttribute("firstUrl", form.link("/cases", null));
        model.addAttribute("exportUrl", form.link("/cases/export.xlsx", null));
        model.addAttribute("paged", form.pageCursor() != null);
        FieldChecks checks = new FieldChecks();
        CaseFilter filter = form.filter(checks, buckets);
        CaseSort sort = form.caseSort(checks);
        if (checks.hasErrors()) {
            PageForms.show(model, "filter", checks.errors());
            return "cases/list";
        }
        try {
            CasePage page = desk.list(user, form.institutionId(), filter, sort, form.pageCursor(), null, PAGE_SIZE);
            model.addAttribute("page", page);
            model.addAttribute("nextUrl", page.next() == null ? null : form.link("/cases", page.next()));
        } catch (CaseProblem problem) {
            // A cursor that was tampered with or outlived a change of sort: say so and offer the first page.
            PageForms.show(model, "filter", problem);
        }
        return "cases/list";
    }

    /** Every case the filter matches, walking the list's pages; the filter is checked as the list checks it. */
    @GetMapping("/cases/export.xlsx")
    @Nullable String export(@ModelAttribute("form") CaseListForm form, @AuthenticationPrincipal SignedInUser user,
            Locale locale, HttpServletResponse response) throws IOException {
        FieldChecks checks = new FieldChecks();
        CaseFilter filter = form.filter(checks, desk.bucketNames(user, form.institutionId()));
        CaseSort sort = form.caseSort(checks);
        if (checks.hasErrors()) {
            // The list shows what is wrong with the filter, next to the fields.
            return "redirect:" + form.link("/cases", null);
        }
        response.setContentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        response.setHeader("Content-Disposition",
                ContentDisposition.attachment().filename("cases.xlsx", StandardCharsets.UTF_8).build().toString());
        new CaseExport(messages, locale).write(cursor -> desk.list(user, form.institutionId(), filter, sort, cursor,
                        null, CaseDesk.MAX_PAGE),
                response.getOutputStream());
        return null; // the response is written: no view

    }
}
