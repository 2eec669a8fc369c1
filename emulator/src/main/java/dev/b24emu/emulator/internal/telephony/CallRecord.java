package dev.b24emu.emulator.internal.telephony;

import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;

import java.time.Instant;

/**
 * A recording attached to a finished call (one per call: a later one replaces it).
 *
 * @param source     "url" (RECORD_URL), "content" (FILE_CONTENT) or "upload" (the uploadUrl flow)
 * @param size       bytes received, 0 for a URL the portal was only told about
 * @param attachedAt when it was attached (null in a state file written before it was kept, and for an awaited upload);
 *                   written as ISO-8601 by any mapper, the control API's too, which has no java.time module
 */
public record CallRecord(long fileId, String callId, String fileName, String source, String url, long size,
                         @JsonSerialize(using = ToStringSerializer.class) Instant attachedAt) {
}
