package org.recourse.cases;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.recourse.cases.CaseViews.ContactKind;
import org.recourse.cases.CaseViews.ContactOwner;
import org.recourse.cases.CaseViews.ContactPoint;
import org.recourse.shared.Masking;
import org.recourse.shared.PersonalDataCipher;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The contact points of a case, read from the contacts the institution sent with the account. Each has a
 * stable id derived (keyed hash) from the borrower, its kind, owner and value: the same number of the same
 * borrower has the same id on every account and after every reload, and a changed number gets a new id —
 * so a decision or a "wrong number" recorded against an id keeps meaning that very number.
 */
@Component
class ContactPoints {

    static final String SOURCE_INTAKE = "INTAKE";
    private static final Pattern MOBILE = Pattern.compile("1[3-9]\\d{9}");

    private final PersonalDataCipher cipher;
    private final JsonMapper json = JsonMapper.builder().build();

    ContactPoints(PersonalDataCipher cipher) {
        this.cipher = cipher;
    }

    /** The points, the borrower's mobile first (required at intake, so always there), masked unless revealed. */
    List<ContactPoint> of(UUID borrower, String contactsEnc, @Nullable String relation, boolean reveal) {
        JsonNode contacts = json.readTree(cipher.decrypt(contactsEnc));
        List<ContactPoint> points = new ArrayList<>();
        add(points, borrower, ContactOwner.BORROWER, null, text(contacts, "mobile"), reveal);
        for (JsonNode phone : contacts.path("otherPhones")) {
            add(points, borrower, ContactOwner.BORROWER, null, phone.asString(), reveal);
        }
        String address = text(contacts, "address");
        if (address != null) {
            points.add(new ContactPoint(id(borrower, ContactKind.ADDRESS, ContactOwner.BORROWER, address),
                    ContactKind.ADDRESS, ContactOwner.BORROWER, null, reveal ? address : maskAddress(address),
                    SOURCE_INTAKE));
        }
        String email = text(contacts, "email");
        if (email != null) {
            points.add(new ContactPoint(id(borrower, ContactKind.EMAIL, ContactOwner.BORROWER, email),
                    ContactKind.EMAIL, ContactOwner.BORROWER, null, reveal ? email : Masking.email(email),
                    SOURCE_INTAKE));
        }
        add(points, borrower, ContactOwner.THIRD_PARTY, relation, text(contacts, "emergencyContactPhone"), reveal);
        return points;
    }

    /**
     * Only what a contact plan reaches the borrower at, by id: the borrower's mobiles (the mobile first, then the other
     * phones that are mobiles, in order), the address and the e-mail address (each null when none); nothing masked, no
     * third party.
     */
    ContactTargets.PlannedPoints planned(UUID caseId, UUID borrower, String contactsEnc) {
        JsonNode contacts = json.readTree(cipher.decrypt(contactsEnc));
        List<UUID> mobiles = new ArrayList<>(2);
        String mobile = text(contacts, "mobile");
        if (mobile != null && MOBILE.matcher(mobile).matches()) {
            mobiles.add(id(borrower, ContactKind.MOBILE, ContactOwner.BORROWER, mobile));
        }
        for (JsonNode phone : contacts.path("otherPhones")) {
            String value = phone.asString();
            if (value != null && MOBILE.matcher(value).matches()) {
                mobiles.add(id(borrower, ContactKind.MOBILE, ContactOwner.BORROWER, value));
            }
        }
        String address = text(contacts, "address");
        String email = text(contacts, "email");
        return new ContactTargets.PlannedPoints(caseId, mobiles,
                address == null ? null : id(borrower, ContactKind.ADDRESS, ContactOwner.BORROWER, address),
                email == null ? null : id(borrower, ContactKind.EMAIL, ContactOwner.BORROWER, email));
    }

    private void add(List<ContactPoint> points, UUID borrower, ContactOwner owner, @Nullable String relation,
            @Nullable String phone, boolean reveal) {
        if (phone == null || phone.isBlank()) {
            return;
        }
        ContactKind kind = MOBILE.matcher(phone).matches() ? ContactKind.MOBILE : ContactKind.PHONE;
        points.add(new ContactPoint(id(borrower, kind, owner, phone), kind, owner, relation,
                reveal ? phone : Masking.phone(phone), SOURCE_INTAKE));
    }

    /** A UUID (version 8, RFC 9562) from a keyed hash, so that ids reveal nothing of the value. */
    UUID id(UUID borrower, ContactKind kind, ContactOwner owner, String value) {
        String hex = cipher.blindIndex(borrower.toString().getBytes(StandardCharsets.US_ASCII),
                kind.name().getBytes(StandardCharsets.US_ASCII), owner.name().getBytes(StandardCharsets.US_ASCII),
                value.getBytes(StandardCharsets.UTF_8));
        long high = Long.parseUnsignedLong(hex, 0, 16, 16);
        long low = Long.parseUnsignedLong(hex, 16, 32, 16);
        return new UUID((high & ~0xF000L) | 0x8000L, (low & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L);
    }

    /** The first six characters (province and city, as Chinese addresses begin), the rest hidden. */
    static String maskAddress(String address) {
        int visible = Math.min(6, address.codePointCount(0, address.length()) / 2);
        return address.substring(0, address.offsetByCodePoints(0, visible)) + "****";
    }

    private static @Nullable String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isString() ? value.asString() : null;
    }
}
