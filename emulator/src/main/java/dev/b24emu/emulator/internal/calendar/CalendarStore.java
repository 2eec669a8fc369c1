package dev.b24emu.emulator.internal.calendar;

import dev.b24emu.emulator.internal.portal.IdTable;
import dev.b24emu.emulator.internal.portal.StateException;
import dev.b24emu.emulator.internal.portal.Store;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The calendars and events of one portal, kept in state files. Bounded as the CRM objects made at run time are
 * (--max-crm-objects): past the count the oldest go, so a booking app cannot fill the heap.
 */
public final class CalendarStore implements Store<CalendarStore.Snapshot> {
    /** the calendars (sections) by ID, and the last ID given */
    private final IdTable<CalendarSection> sections;
    /** the events by ID (an attendee's copy of a meeting is one), and the last ID given */
    private final IdTable<CalendarEvent> events;

    /** What state files keep. */
    public record Snapshot(List<CalendarSection> sections, long lastSectionId, List<CalendarEvent> events,
                           long lastEventId) {
    }

    public CalendarStore(int max) {
        this.sections = new IdTable<>(max, CalendarSection::id);
        this.events = new IdTable<>(max, CalendarEvent::id);
    }

    public Optional<CalendarSection> section(long id) {
        return sections.get(id);
    }

    public Collection<CalendarSection> sections() {
        return sections.all();
    }

    public Optional<CalendarEvent> event(long id) {
        return events.get(id);
    }

    public Collection<CalendarEvent> events() {
        return events.all();
    }

    long nextSectionId() {
        return sections.nextId();
    }

    long nextEventId() {
        return events.nextId();
    }

    void put(CalendarSection section) {
        sections.put(section);
    }

    void put(CalendarEvent event) {
        events.put(event);
    }

    /** The event and its attendees' copies (CCalendarEvent::Delete marks a meeting's children deleted too). */
    void delete(long id) {
        events.removeIf(event -> event.id() == id || event.parentId() == id);
    }

    /** The attendees' copies of a meeting, the host's event kept. */
    void deleteCopies(long parentId) {
        events.removeIf(event -> event.parentId() == parentId && event.id() != parentId);
    }

    /**
     * The calendar, its events and the attendees' copies of the meetings it holds, wherever they are
     * (CCalendarSect::Delete deletes them outright).
     */
    void deleteSection(long id) {
        java.util.Set<Long> hosted = new java.util.HashSet<>();
        events.all().stream().filter(e -> e.sectionId() == id).forEach(e -> hosted.add(e.id()));
        events.removeIf(e -> e.sectionId() == id || hosted.contains(e.parentId()));
        sections.remove(id);
    }

    @Override
    public void clear() {
        sections.clear();
        events.clear();
    }

    @Override
    public Snapshot snapshot() {
        return new Snapshot(sections.items(), sections.lastId(), events.items(), events.lastId());
    }

    @Override
    public void check(Snapshot snapshot) {
        StateException.checkItems("/calendar/sections", snapshot.sections(),
                s -> s.id() > 0 && s.id() <= snapshot.lastSectionId() && s.calType() != null && s.created() != null,
                "a calendar needs an ID up to lastSectionId, a type and a creation time", "id", CalendarSection::id);
        StateException.checkItems("/calendar/events", snapshot.events(),
                e -> e.id() > 0 && e.id() <= snapshot.lastEventId() && e.calType() != null && e.from() != null
                        && e.to() != null && e.created() != null && e.attendees() != null && e.remind() != null,
                "an event needs an ID up to lastEventId, a type, a start, an end and a creation time", "id",
                CalendarEvent::id);
    }

    @Override
    public void restore(Snapshot snapshot) {
        sections.restore(snapshot.sections(), snapshot.lastSectionId());
        events.restore(snapshot.events(), snapshot.lastEventId());
    }
}
