package dev.b24emu.emulator.internal.crm;

import dev.b24emu.emulator.internal.crm.CrmBindings.Binding;
import dev.b24emu.emulator.internal.crm.CrmBindings.Kind;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The binding tables as CCrmEntityBindingProxy reads and writes them, one per method family (specs/DECISIONS.md
 * D165): a contact's companies, a deal's and a lead's contacts, kept on the owner; and a company's contacts, the same
 * contact–company rows read from the company's side, where each row's primary flag stays the contact's own.
 */
public sealed interface BindingTables {

    /** The families: crm.contact.company.*, crm.company.contact.*, crm.deal.contact.*, crm.lead.contact.*. */
    static List<BindingTables> all() {
        return List.of(new OwnerSide(Kind.CONTACT_COMPANY), new CompanySide(), new OwnerSide(Kind.DEAL_CONTACT),
                new OwnerSide(Kind.LEAD_CONTACT));
    }

    /** The method family's prefix, e.g. "crm.contact.company". */
    String prefix();

    CrmEntityType ownerType();

    /** The field naming the target in rows and in add's fields: COMPANY_ID or CONTACT_ID. */
    String targetField();

    /** The owner's rows in SORT order; empty when there is no such owner. */
    Optional<List<Binding>> rows(CrmStore crm, long owner);

    /** Binds a target; false when it is bound already. */
    boolean add(CrmStore crm, long owner, long target, Integer sort, boolean primary);

    /** Unbinds a target; false when it is not bound. */
    boolean delete(CrmStore crm, long owner, long target);

    /** Replaces every row of the owner (items.set; items.delete with none). */
    void set(CrmStore crm, long owner, List<Binding> rows);

    /** A contact's companies, a deal's or a lead's contacts: the rows are the owner's own. */
    record OwnerSide(Kind kind) implements BindingTables {
        @Override
        public String prefix() {
            return "crm." + name(kind.owner()) + "." + name(kind.target());
        }

        @Override
        public CrmEntityType ownerType() {
            return kind.owner();
        }

        @Override
        public String targetField() {
            return kind.targetField();
        }

        @Override
        public Optional<List<Binding>> rows(CrmStore crm, long owner) {
            return crm.get(new CrmRef(kind.owner(), owner)).map(item -> CrmBindings.read(kind, item.fields()));
        }

        @Override
        public boolean add(CrmStore crm, long owner, long target, Integer sort, boolean primary) {
            return rows(crm, owner).flatMap(rows -> CrmBindings.added(rows, target, sort, primary))
                    .map(rows -> write(crm, owner, rows)).orElse(false);
        }

        @Override
        public boolean delete(CrmStore crm, long owner, long target) {
            return rows(crm, owner).flatMap(rows -> CrmBindings.removed(rows, target))
                    .map(rows -> write(crm, owner, rows)).orElse(false);
        }

        @Override
        public void set(CrmStore crm, long owner, List<Binding> rows) {
            write(crm, owner, rows);
        }

        private boolean write(CrmStore crm, long owner, List<Binding> rows) {
            return crm.rebind(new CrmRef(kind.owner(), owner), fields -> CrmBindings.write(kind, fields, rows));
        }
    }

    /**
     * A company's contacts: the contact–company rows seen from the company. Binding a contact makes the company that
     * contact's primary one (its other companies no longer), as the server's company-side writes do; unbinding marks
     * none primary and leaves the contact's COMPANY_ID the smallest of its companies left.
     */
    record CompanySide() implements BindingTables {
        private static final Kind KIND = Kind.CONTACT_COMPANY;

        @Override
        public String prefix() {
            return "crm.company.contact";
        }

        @Override
        public CrmEntityType ownerType() {
            return CrmEntityType.COMPANY;
        }

        @Override
        public String targetField() {
            return "CONTACT_ID";
        }

        @Override
        public Optional<List<Binding>> rows(CrmStore crm, long company) {
            List<Binding> rows = new ArrayList<>();
            for (CrmItem contact : crm.all(CrmEntityType.CONTACT)) {
                CrmBindings.read(KIND, contact.fields()).stream().filter(row -> row.id() == company).findFirst()
                        .ifPresent(row -> rows.add(new Binding(contact.id(), row.sort(), row.primary())));
            }
            rows.sort(Comparator.comparingInt(Binding::sort));
            return Optional.of(rows);
        }

        @Override
        public boolean add(CrmStore crm, long company, long contact, Integer sort, boolean primary) {
            List<Binding> current = rows(crm, company).orElseThrow();
            if (current.stream().anyMatch(row -> row.id() == contact)) {
                return false;
            }
            int next = sort != null && sort > 0 ? sort
                    : CrmBindings.sortIndex(current.stream().mapToLong(Binding::sort).max().orElse(0) + 10);
            bindAsPrimary(crm, company, contact, next);
            return true;
        }

        @Override
        public boolean delete(CrmStore crm, long company, long contact) {
            return crm.get(new CrmRef(CrmEntityType.CONTACT, contact)).map(item -> {
                List<Binding> rows = CrmBindings.read(KIND, item.fields());
                if (rows.stream().noneMatch(row -> row.id() == company)) {
                    return false;
                }
                List<Binding> left = rows.stream().filter(row -> row.id() != company).toList();
                OptionalLong single = left.stream().mapToLong(Binding::id).min();
                return crm.rebind(item.ref(), fields -> CrmBindings.write(KIND, fields, left, single));
            }).orElse(false);
        }

        @Override
        public void set(CrmStore crm, long company, List<Binding> rows) {
            for (Binding bound : rows(crm, company).orElseThrow()) {
                if (rows.stream().noneMatch(row -> row.id() == bound.id())) {
                    delete(crm, company, bound.id());
                }
            }
            for (Binding row : rows) {
                bindAsPrimary(crm, company, row.id(), row.sort());
            }
        }

        /** The company the contact's primary one at this sort index; a contact that does not exist binds nothing. */
        private static void bindAsPrimary(CrmStore crm, long company, long contact, int sort) {
            crm.get(new CrmRef(CrmEntityType.CONTACT, contact)).ifPresent(item -> {
                List<Binding> rows = new ArrayList<>();
                CrmBindings.read(KIND, item.fields()).stream().filter(row -> row.id() != company)
                        .forEach(row -> rows.add(new Binding(row.id(), row.sort(), false)));
                rows.add(new Binding(company, sort, true));
                crm.rebind(item.ref(), fields -> CrmBindings.write(KIND, fields, rows));
            });
        }
    }

    private static String name(CrmEntityType type) {
        return type.name().toLowerCase(java.util.Locale.ROOT);
    }
}
