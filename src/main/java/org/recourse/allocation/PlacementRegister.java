package org.recourse.allocation;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.recourse.allocation.PlacementQueries.Row;
import org.recourse.allocation.PlacementQueries.Side;
import org.recourse.registry.Directory;
import org.recourse.registry.OrganisationKind;
import org.recourse.registry.SignedInUser;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The placements each party may read: an institution those it made, an agency's administrator those made with
 * the agency. Anyone else's placement is not found (404). Collectors do not read placements: they read the
 * cases placed with their agency.
 */
@Service
@PreAuthorize("hasAnyRole('INSTITUTION_ADMIN', 'INSTITUTION_OPERATOR', 'AGENCY_ADMIN')")
public class PlacementRegister {

    public static final int MAX_PAGE = 200;

    private final PlacementQueries queries;
    private final Directory directory;

    PlacementRegister(PlacementQueries queries, Directory directory) {
        this.queries = queries;
        this.directory = directory;
    }

    /**
     * Newest first, optionally with one agency, of one status, or of one case (its history); {@code cursor}
     * continues after the previous page's {@code next}.
     */
    @Transactional(readOnly = true)
    public PlacementView.Page list(SignedInUser user, @Nullable UUID agency, @Nullable PlacementStatus status,
            @Nullable UUID caseId, @Nullable String cursor, int size) {
        return list(user, agency, status, caseId, null, cursor, size);
    }

    /** As above, and only the placements assigned now to {@code collector} when it is given. */
    @Transactional(readOnly = true)
    public PlacementView.Page list(SignedInUser user, @Nullable UUID agency, @Nullable PlacementStatus status,
            @Nullable UUID caseId, @Nullable UUID collector, @Nullable String cursor, int size) {
        int limit = Math.max(1, Math.min(size, MAX_PAGE));
        UUID after = null;
        if (cursor != null && !cursor.isBlank()) {
            try {
                after = UUID.fromString(cursor.strip());
            } catch (IllegalArgumentException e) {
                throw PlacementProblem.badCursor();
            }
        }
        List<Row> rows = queries.list(side(user), user.organisationId(),
                new PlacementQueries.Filter(agency, status, caseId, collector), after, limit + 1);
        String next = null;
        if (rows.size() > limit) {
            rows = rows.subList(0, limit);
            next = rows.get(limit - 1).id().toString();
        }
        return new PlacementView.Page(views(rows), next);
    }

    @Transactional(readOnly = true)
    public PlacementView find(SignedInUser user, UUID placement) {
        return queries.find(user.organisationId(), placement).map(row -> views(List.of(row)).get(0))
                .orElseThrow(PlacementProblem::notFound);
    }

    private static Side side(SignedInUser user) {
        return user.organisationKind() == OrganisationKind.AGENCY ? Side.AGENCY : Side.INSTITUTION;
    }

    /** Views with the names of organisations and people, looked up once for the page. */
    private List<PlacementView> views(List<Row> rows) {
        Set<UUID> organisations = new HashSet<>();
        Set<UUID> users = new HashSet<>();
        for (Row row : rows) {
            organisations.add(row.institution());
            organisations.add(row.agency());
            users.add(row.placedBy());
            if (row.recalledBy() != null) {
                users.add(row.recalledBy());
            }
            if (row.collector() != null) {
                users.add(row.collector());
            }
        }
        Map<UUID, String> names = directory.organisationNames(organisations);
        Map<UUID, String> usernames = directory.usernames(users);
        List<PlacementView> views = new ArrayList<>(rows.size());
        for (Row row : rows) {
            views.add(new PlacementView(row.id(), row.caseId(), row.accountRef(), row.institution(),
                    names.getOrDefault(row.institution(), ""), row.agency(), names.getOrDefault(row.agency(), ""),
                    row.contract(), row.placedAt(), usernames.get(row.placedBy()), row.placedUntil(), row.status(),
                    row.recalledAt(), row.recallKind(), row.recallReason(),
                    row.recalledBy() == null ? null : usernames.get(row.recalledBy()),
                    new PlacementView.Notice(row.noticeStatus(), row.noticeSentAt(), row.noticeChannel()),
                    row.collector(), row.collector() == null ? null : usernames.get(row.collector())));
        }
        return views;
    }
}
