package dev.b24emu.emulator.internal.crm;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.b24emu.emulator.internal.clock.PhpDates;
import dev.b24emu.emulator.internal.crm.DealCategoryStore.Category;
import dev.b24emu.emulator.internal.portal.ConfigBound;
import dev.b24emu.emulator.internal.portal.Portal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Deal pipelines (specs/DECISIONS.md D171), as the crm module keeps them: the default pipeline 0, which has no row
 * (its name and sort are options), and the pipelines added, each with its stages in the status guide
 * DEAL_STAGE_{id} (C{id}:NEW …). What both the universal crm.category.* and the legacy crm.dealcategory.* read and
 * write; each answers the refusals below in its own form.
 */
public final class DealCategories {
    /** the default pipeline's built-in name (the crm module's en language file; ru "Общая") */
    static final String DEFAULT_NAME = "General";
    /** CCrmStatus::normalizeStatusIds: a stage's STATUS_ID is cut to this length */
    private static final int STATUS_ID_LENGTH = 21;

    private DealCategories() {
    }

    /** A pipeline as the methods show it: the default one has no row. */
    public record View(long id, String name, long sort, boolean isDefault, Category row) {
    }

    /** A refusal of the pipelines' own rules, in the module's words; each API answers it with its own code. */
    public static final class Refusal extends RuntimeException {
        Refusal(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * Factory\Deal::loadCategories: the default pipeline first, then the rows by SORT and ID, the whole sorted by
     * sort again (stable: the default keeps first place on a tie).
     */
    public static List<View> all(Portal portal) {
        DealCategoryStore store = store(portal);
        List<View> views = new ArrayList<>();
        views.add(defaultView(store));
        store.all().stream().sorted(Comparator.comparingLong(Category::sort).thenComparingLong(Category::id))
                .forEach(c -> views.add(view(c)));
        views.sort(Comparator.comparingLong(View::sort));
        return views;
    }

    /** The pipelines added (b_crm_deal_category's rows, by ID), the default one left out. */
    public static List<Category> rows(Portal portal) {
        return List.copyOf(store(portal).all());
    }

    /** The pipeline with that ID: 0 is the default one. */
    public static Optional<View> get(Portal portal, long id) {
        DealCategoryStore store = store(portal);
        return id == 0 ? Optional.of(defaultView(store)) : store.get(id).map(DealCategories::view);
    }

    /**
     * DealCategory::add: the name trimmed and required, the sort at least 0 (0 when not given), added today with its
     * eight stages (CCrmStatus::GetDefaultDealStages: the default pipeline's, each STATUS_ID prefixed C{id}:).
     */
    public static View add(Portal portal, String name, Long sort, String originId, String originatorId) {
        String trimmed = name == null ? "" : name.trim();
        if (trimmed.isEmpty()) {
            throw new Refusal("Field 'NAME' is required.");
        }
        ConfigBound.admit(portal, store(portal).all(), trimmed, "deal pipelines"); // each brings eight stages
        return portal.exclusive(() -> {
            DealCategoryStore store = store(portal);
            long id = store.nextId();
            Category category = new Category(id, trimmed, Math.max(0, sort == null ? 0 : sort),
                    PhpDates.convertDate(portal.now().atZone(portal.settings().timeZone()).toLocalDate(),
                            portal.settings().timeZone(), portal.now()), originId, originatorId);
            store.put(category);
            CrmStatusStore statuses = portal.store(CrmStatusStore.class);
            for (ObjectNode stage : CrmStatusStore.defaultGuide("DEAL_STAGE")) {
                String statusId = "C" + id + ":" + stage.path("STATUS_ID").asText();
                ObjectNode row = stage.deepCopy().put("ENTITY_ID", statusEntity(id))
                        .put("STATUS_ID", statusId.substring(0, Math.min(statusId.length(), STATUS_ID_LENGTH)))
                        .put("CATEGORY_ID", Long.toString(id));
                statuses.add(row);
            }
            return view(category);
        });
    }

    /**
     * An update: a name that is empty once trimmed leaves the name, a sort below 0 is 0; the default pipeline's are
     * its options. Empty for a pipeline that is not there.
     */
    public static Optional<View> update(Portal portal, long id, String name, Long sort) {
        String trimmed = name == null ? "" : name.trim();
        return portal.exclusive(() -> {
            DealCategoryStore store = store(portal);
            if (id == 0) {
                if (!trimmed.isEmpty()) {
                    ConfigBound.admitChange(portal, store.all(), String.valueOf(store.defaultName()), trimmed,
                            "deal pipelines");
                    store.defaultName(trimmed);
                }
                if (sort != null) {
                    store.defaultSort(Math.max(0, sort));
                }
                return Optional.of(defaultView(store));
            }
            return store.get(id).map(current -> {
                Category changed = new Category(id, trimmed.isEmpty() ? current.name() : trimmed,
                        sort == null ? current.sort() : Math.max(0, sort), current.createdDate(), current.originId(),
                        current.originatorId());
                ConfigBound.admitChange(portal, store.all(), current, changed, "deal pipelines");
                store.put(changed);
                return view(changed);
            });
        });
    }

    /**
     * A delete: never the default pipeline, never one with deals; its stages go with it. Whether there was one.
     */
    public static boolean delete(Portal portal, long id) {
        if (id == 0) {
            throw new Refusal("Default deal category can not be deleted");
        }
        return portal.exclusive(() -> {
            DealCategoryStore store = store(portal);
            Optional<Category> category = store.get(id);
            if (category.isEmpty()) {
                return false;
            }
            String ofIt = Long.toString(id);
            if (portal.store(CrmStore.class).all(CrmEntityType.DEAL).stream()
                    .anyMatch(deal -> ofIt.equals(deal.text("CATEGORY_ID")))) {
                throw new Refusal("Found \"" + category.get().name() + "\" pipeline deals");
            }
            CrmStatusStore statuses = portal.store(CrmStatusStore.class);
            statuses.guide(statusEntity(id)).forEach(row -> statuses.remove(row.path("ID").asLong()));
            store.remove(id);
            return true;
        });
    }

    /** crm.dealcategory.default.set: a name trimmed; an empty one brings the built-in name back. */
    public static void defaultName(Portal portal, String name) {
        String trimmed = name.trim();
        store(portal).defaultName(trimmed.isEmpty() ? null : trimmed);
    }

    /** Whether the stage is one of the pipeline's (its guide has it). */
    public static boolean isStageOf(CrmGuides guides, long category, String stage) {
        return guides.guide(statusEntity(category)).stream().anyMatch(row -> row.path("STATUS_ID").asText().equals(stage));
    }

    /**
     * Field\Stage's pick of a stage in a pipeline: the given one when the pipeline has it, else the pipeline's first
     * stage of the same semantics (C2:WON is C1:WON, LOSE is C1:LOSE, an unknown one C1:NEW).
     */
    public static String stageIn(CrmGuides guides, long category, String given) {
        if (isStageOf(guides, category, given)) {
            return given;
        }
        int colon = given.indexOf(':');
        long ownPipeline = given.startsWith("C") && colon > 1 && given.substring(1, colon).matches("[0-9]{1,18}")
                ? Long.parseLong(given.substring(1, colon)) : 0;
        String semantics = guides.semantics(statusEntity(ownPipeline), given);
        List<ObjectNode> stages = guides.guide(statusEntity(category));
        return stages.stream().filter(row -> guides.semantics(statusEntity(category), row.path("STATUS_ID").asText())
                        .equals(semantics)).findFirst().or(() -> stages.stream().findFirst())
                .map(row -> row.path("STATUS_ID").asText()).orElse(given);
    }

    /** The pipeline whose stages a guide holds (DEAL_STAGE_3: 3); 0 for DEAL_STAGE and any other guide. */
    public static long pipelineOf(String entityId) {
        return entityId.matches("DEAL_STAGE_[1-9][0-9]{0,17}") ? Long.parseLong(entityId.substring(11)) : 0;
    }

    /** The status guide of a pipeline's stages: DEAL_STAGE for the default one (and any ID ≤ 0). */
    public static String statusEntity(long id) {
        return id > 0 ? "DEAL_STAGE_" + id : "DEAL_STAGE";
    }

    private static View defaultView(DealCategoryStore store) {
        String name = store.defaultName();
        return new View(0, name == null ? DEFAULT_NAME : name, store.defaultSort(), true, null);
    }

    private static View view(Category category) {
        return new View(category.id(), category.name(), category.sort(), false, category);
    }

    private static DealCategoryStore store(Portal portal) {
        return portal.store(DealCategoryStore.class);
    }
}
