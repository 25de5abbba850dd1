package org.recourse.registry;

/** A registration's contact person in clear: personal data, shown only on an audited reveal. */
public record Contact(String name, String phone) {

    @Override
    public String toString() {
        return "Contact[masked]";
    }
}
