package org.recourse.registry;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Entrustment contracts in {@code registry.contract}, their rates in {@code registry.contract_rate} and every
 * change of status in {@code registry.contract_change}. Reads for people take the reader's organisation and
 * find only contracts it is a party to.
 */
@Repository
class ContractStore {

    // The rates travel as "bucket rate" pairs in one array column, so that a list needs no query per contract.
    private static final String CONTRACT = """
            select c.id, c.institution_id, c.agency_id, c.products, c.buckets, c.provinces, c.max_open_placements,
                   c.start_date, c.end_date, c.status, c.proposed_at,
                   array(select r.bucket || ' ' || r.rate::text from registry.contract_rate r
                          where r.contract_id = c.id) as rates
              from registry.contract c
            """;
    private static final String DETAIL = """
            select x.*, i.name as institution_name, a.name as agency_name
              from (%s) x
              join registry.organisation i on i.id = x.institution_id
              join registry.organisation a on a.id = x.agency_id
            """;
    private static final String PARTY = " (c.institution_id = :organisation or c.agency_id = :organisation) ";

    private final JdbcClient jdbc;

    ContractStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void add(Contract contract, UUID proposedBy, Instant at) {
        jdbc.sql("""
                insert into registry.contract (id, institution_id, agency_id, products, buckets, provinces,
                    max_open_placements, start_date, end_date, status, proposed_by, proposed_at)
                values (:id, :institution, :agency, :products, :buckets, :provinces, :maxOpen, :start, :end, :status,
                    :by, :at)
                """)
                .param("id", contract.id().value())
                .param("institution", contract.institution().value())
                .param("agency", contract.agency().value())
                .param("products", contract.scope().products().toArray(String[]::new))
                .param("buckets", contract.scope().buckets().toArray(String[]::new))
                .param("provinces", contract.scope().provinces().toArray(String[]::new))
                .param("maxOpen", contract.maxOpenPlacements())
                .param("start", contract.startDate())
                .param("end", contract.endDate())
                .param("status", contract.status().name())
                .param("by", proposedBy)
                .param("at", Organisations.timestamp(at))
                .update();
        contract.commissionRates().forEach((bucket, rate) -> jdbc.sql("""
                        insert into registry.contract_rate (contract_id, bucket, rate) values (:contract, :bucket, :rate)
                        """)
                .param("contract", contract.id().value())
                .param("bucket", bucket)
                .param("rate", rate.value())
                .update());
        record(contract.id(), ContractAction.PROPOSE, null, contract.status(), null, proposedBy, at);
    }

    Optional<Contract> find(ContractId id) {
        return jdbc.sql(CONTRACT + " where c.id = :id").param("id", id.value())
                .query((row, n) -> contract(row)).optional();
    }

    /** The contract, if {@code organisation} is a party to it. */
    Optional<Contract> find(ContractId id, OrganisationId organisation) {
        return jdbc.sql(CONTRACT + " where c.id = :id and" + PARTY)
                .param("id", id.value()).param("organisation", organisation.value())
                .query((row, n) -> contract(row)).optional();
    }

    List<Contract> active(OrganisationId institution) {
        return jdbc.sql(CONTRACT + " where c.institution_id = :institution and c.status = 'ACTIVE' order by c.start_date, c.id")
                .param("institution", institution.value())
                .query((row, n) -> contract(row)).list();
    }

    /** The institution's contracts in force or suspended whose last day is {@code day} or earlier. */
    List<Contract> endingBy(OrganisationId institution, LocalDate day) {
        return jdbc.sql(CONTRACT + " where c.institution_id = :institution and c.status in ('ACTIVE', 'SUSPENDED')"
                        + " and c.end_date <= :day order by c.id")
                .param("institution", institution.value()).param("day", day)
                .query((row, n) -> contract(row)).list();
    }

    /** Institutions with an ACTIVE contract in force on some day of {@code from} … {@code to} (any zone's day). */
    List<OrganisationId> institutionsInForce(LocalDate from, LocalDate to) {
        return jdbc.sql("""
                select distinct institution_id from registry.contract
                 where status = 'ACTIVE' and start_date <= :to and end_date >= :from order by institution_id
                """).param("from", from).param("to", to)
                .query((row, n) -> new OrganisationId(row.getObject("institution_id", UUID.class))).list();
    }

    /** Institutions with an ACTIVE or SUSPENDED contract whose last day is {@code day} or earlier. */
    List<OrganisationId> institutionsEndingBy(LocalDate day) {
        return jdbc.sql("""
                select distinct institution_id from registry.contract
                 where status in ('ACTIVE', 'SUSPENDED') and end_date <= :day order by institution_id
                """).param("day", day)
                .query((row, n) -> new OrganisationId(row.getObject("institution_id", UUID.class))).list();
    }

    Optional<ContractDetail> detail(ContractId id, OrganisationId organisation) {
        return jdbc.sql(DETAIL.formatted(CONTRACT + " where c.id = :id and" + PARTY))
                .param("id", id.value()).param("organisation", organisation.value())
                .query((row, n) -> detail(row)).optional();
    }

    /** Newest first; an organisation has tens of contracts, not thousands, so 500 is all of them. */
    List<ContractDetail> list(OrganisationId organisation, @Nullable ContractStatus status) {
        return jdbc.sql(DETAIL.formatted(CONTRACT + " where" + PARTY + "and (:status::text is null or c.status = :status)")
                        + " order by x.proposed_at desc, x.id limit 500")
                .param("organisation", organisation.value())
                .param("status", status == null ? null : status.name())
                .query((row, n) -> detail(row)).list();
    }

    List<ContractChange> history(ContractId id) {
        return jdbc.sql("""
                select ch.action, ch.from_status, ch.to_status, ch.reason, u.username, ch.changed_at
                  from registry.contract_change ch left join registry.user_account u on u.id = ch.actor_id
                 where ch.contract_id = :id order by ch.id
                """)
                .param("id", id.value())
                .query((row, n) -> {
                    String from = row.getString("from_status");
                    return new ContractChange(ContractAction.valueOf(row.getString("action")),
                            from == null ? null : ContractStatus.valueOf(from),
                            ContractStatus.valueOf(row.getString("to_status")), row.getString("reason"),
                            row.getString("username"), Organisations.instant(row, "changed_at"));
                })
                .list();
    }

    /**
     * Moves the contract from {@code from} to where {@code action} leads and records the change; false when it
     * no longer stands at {@code from} (someone else moved it meanwhile).
     */
    boolean move(ContractId id, ContractStatus from, ContractAction action, @Nullable String reason, @Nullable UUID by,
                 Instant at) {
        int updated = jdbc.sql("update registry.contract set status = :to where id = :id and status = :from")
                .param("to", action.target().name()).param("id", id.value()).param("from", from.name())
                .update();
        if (updated != 1) {
            return false;
        }
        record(id, action, from, action.target(), reason, by, at);
        return true;
    }

    private void record(ContractId id, ContractAction action, @Nullable ContractStatus from, ContractStatus to,
                        @Nullable String reason, @Nullable UUID by, Instant at) {
        jdbc.sql("""
                insert into registry.contract_change (contract_id, action, from_status, to_status, reason, actor_id,
                    changed_at)
                values (:contract, :action, :from, :to, :reason, :by, :at)
                """)
                .param("contract", id.value())
                .param("action", action.name())
                .param("from", from == null ? null : from.name())
                .param("to", to.name())
                .param("reason", reason)
                .param("by", by)
                .param("at", Organisations.timestamp(at))
                .update();
    }

    private static ContractDetail detail(ResultSet row) throws SQLException {
        return new ContractDetail(contract(row), row.getString("institution_name"), row.getString("agency_name"),
                Organisations.instant(row, "proposed_at"));
    }

    private static Contract contract(ResultSet row) throws SQLException {
        Map<String, Rate> rates = new HashMap<>();
        for (String pair : strings(row.getArray("rates"))) {
            int space = pair.indexOf(' ');
            rates.put(pair.substring(0, space), Rate.parse(pair.substring(space + 1)));
        }
        return new Contract(
                new ContractId(row.getObject("id", UUID.class)),
                new OrganisationId(row.getObject("institution_id", UUID.class)),
                new OrganisationId(row.getObject("agency_id", UUID.class)),
                new ContractScope(strings(row.getArray("products")), strings(row.getArray("buckets")),
                        strings(row.getArray("provinces"))),
                rates,
                row.getInt("max_open_placements"),
                row.getObject("start_date", LocalDate.class),
                row.getObject("end_date", LocalDate.class),
                ContractStatus.valueOf(row.getString("status")));
    }

    private static List<String> strings(Array array) throws SQLException {
        return List.of((String[]) array.getArray());
    }
}
