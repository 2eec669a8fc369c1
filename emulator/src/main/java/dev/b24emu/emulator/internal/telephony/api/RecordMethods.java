package dev.b24emu.emulator.internal.telephony.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.b24emu.emulator.internal.portal.Portal;
import dev.b24emu.emulator.internal.rest.MethodTable;
import dev.b24emu.emulator.internal.rest.Origin;
import dev.b24emu.emulator.internal.rest.RestCall;
import dev.b24emu.emulator.internal.telephony.CallService;
import dev.b24emu.emulator.internal.telephony.RecordFiles;
import dev.b24emu.emulator.internal.telephony.TelephonyStore;
import dev.b24emu.emulator.internal.telephony.Transcript;
import dev.b24emu.emulator.internal.transport.Params;
import dev.b24emu.emulator.internal.transport.RestError;

import java.util.Base64;
import java.util.UUID;

/**
 * telephony.externalCall.attachRecord and telephony.call.attachTranscription: both need a finished call.
 * A record comes as RECORD_URL (kept as a link; the emulator does not download it), as FILENAME + FILE_CONTENT in
 * base64, or as FILENAME alone, which answers an uploadUrl to POST the file to (multipart field "file").
 */
final class RecordMethods {
    static final String UPLOAD_PATH = "/upload/record/";

    private final CallService calls;

    RecordMethods(CallService calls) {
        this.calls = calls;
    }

    void register(MethodTable methods) {
        methods.add("telephony.externalCall.attachRecord", this::attachRecord);
        methods.add("telephony.call.attachTranscription", call -> attachTranscription(call.portal(), call.params()));
    }

    private static TelephonyStore telephony(Portal portal) {
        return portal.store(TelephonyStore.class);
    }

    /**
     * In the real server's order (vi_rest.php, Helper::attachRecord): neither RECORD_URL nor FILENAME; the call not
     * in the statistics; no FILE_CONTENT answers the upload URL at once (the upload checks the extension); then the
     * name, the extension and the content. The texts are the server's (the RU page and both tutorials), not the EN
     * page's rewording.
     */
    private JsonNode attachRecord(RestCall call) {
        Portal portal = call.portal();
        Params p = call.params();
        Origin origin = Origin.of(call);
        String callId = p.textOrEmpty("CALL_ID");
        String url = p.textOrEmpty("RECORD_URL");
        boolean hasFileName = p.has("FILENAME");
        if (url.isEmpty() && !hasFileName) {
            throw RestError.of("ERROR_CORE", "Required parameters are not set. Request should contain or URL or FILENAME parameter");
        }
        if (!calls.inStatistics(portal, callId)) {
            throw RestError.of("ERROR_CORE", "Call is not found in the statistic table. Looks like it is not finished yet.");
        }
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        if (!url.isEmpty()) {
            recordUrlTold(call, url);
            String name = hasFileName ? p.textOrEmpty("FILENAME") : CallService.fileNameOf(url);
            return result.put("FILE_ID", RecordFiles.attach(portal, callId, name, "url", url, null,
                    RecordFiles.Files.REPLACED, origin).fileId());
        }
        String fileName = p.textOrEmpty("FILENAME");
        if (!p.has("FILE_CONTENT")) {
            String token = UUID.randomUUID().toString().replace("-", "");
            telephony(portal).awaitUpload(token, callId, fileName);
            return result.put("uploadUrl", call.endpoints().baseUrl() + UPLOAD_PATH + token).put("fieldName", "file");
        }
        if (fileName.isEmpty()) {
            throw RestError.of("ERROR_CORE", "File name is empty");
        }
        if (!isRecordFile(fileName)) {
            throw RestError.of("ERROR_CORE", "Wrong file extension. Only wav and mp3 are allowed");
        }
        String content = p.textOrEmpty("FILE_CONTENT");
        if (content.isEmpty() || content.equals("false")) { // CRestUtil::saveFile: <> '' && !== 'false'
            throw RestError.of("ERROR_CORE", "File content is empty.");
        }
        byte[] bytes = phpBase64Decode(content);
        if (bytes.length == 0) {
            throw RestError.of("ERROR_CORE", "File content is not properly encoded. Base64 encoding is expected.");
        }
        if (!looksLikeAudio(bytes)) {
            // the server checks the saved file's type (RecordFile::isCorrectFromArray: CFile::CheckFile with
            // "audio/"), read from its content: a dummy string a test attaches is refused there (audit 61c); its
            // exact answer is not established, so it is kept here and reported (refused in strict mode: audit 61d)
            call.refusedThere("FILE_CONTENT is no MP3, WAV, FLAC or Ogg audio (by its first bytes): the real server"
                    + " checks that a record's content is audio (audio/*) and would refuse it");
        }
        return result.put("FILE_ID", RecordFiles.attach(portal, callId, fileName, "content", null, bytes,
                RecordFiles.Files.REPLACED, origin).fileId());
    }

    /** Whether content starts as an audio file does: an ID3 tag or an MPEG frame, RIFF WAVE, fLaC, OggS. */
    static boolean looksLikeAudio(byte[] bytes) {
        if (bytes.length >= 2 && (bytes[0] & 0xff) == 0xff && (bytes[1] & 0xe0) == 0xe0) {
            return true; // an MPEG audio frame's sync bits
        }
        String head = new String(bytes, 0, Math.min(bytes.length, 12), java.nio.charset.StandardCharsets.ISO_8859_1);
        return head.startsWith("ID3") || head.startsWith("fLaC") || head.startsWith("OggS")
                || head.startsWith("RIFF") && head.length() == 12 && head.endsWith("WAVE");
    }

    /**
     * PHP's base64_decode as CRestUtil::saveFile calls it, not strict: a character outside the alphabet is skipped
     * (padding, line breaks, the URL-safe "-" and "_" too) and a last lone character dropped, so "SUQz-_AA" is "ID3"
     * plus a byte; only what leaves nothing is "not properly encoded".
     */
    static byte[] phpBase64Decode(String content) {
        StringBuilder kept = new StringBuilder(content.length());
        for (int i = 0; i < content.length(); i++) {
            char c = content.charAt(i);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/') {
                kept.append(c);
            }
        }
        if (kept.length() % 4 == 1) {
            kept.setLength(kept.length() - 1);
        }
        while (kept.length() % 4 != 0) {
            kept.append('=');
        }
        return Base64.getDecoder().decode(kept.toString());
    }

    /**
     * What a RECORD_URL (attachRecord, finish) is told: a URL no HTTP client can fetch is the client's deviation, and
     * that the emulator does not download it a notice (D38).
     */
    static void recordUrlTold(RestCall call, String url) {
        if (!downloadable(url)) {
            call.deviation("RECORD_URL \"" + url + "\" is no http(s) URL: a real portal cannot download it and"
                    + " answers an error");
        }
        call.limitation("RECORD_URL: the emulator keeps the link and does not download the record (D38): a real"
                + " portal would download it now and answer its download's error if it failed");
    }

    /** Whether a real portal's HTTP client could fetch it at all: an absolute http or https URL with a host. */
    static boolean downloadable(String url) {
        try {
            java.net.URI uri = new java.net.URI(url.trim());
            return uri.getHost() != null && ("http".equalsIgnoreCase(uri.getScheme())
                    || "https".equalsIgnoreCase(uri.getScheme()));
        } catch (java.net.URISyntaxException malformed) {
            return false;
        }
    }

    /**
     * Only wav and mp3 records are accepted, the extension as written: the server's in_array(GetFileExtension(...),
     * ['wav', 'mp3']) takes the text after the last dot as it is, so a PBX's "CALL-001.MP3" is refused there.
     */
    static boolean isRecordFile(String fileName) {
        return fileName.endsWith(".wav") || fileName.endsWith(".mp3");
    }

    private JsonNode attachTranscription(Portal portal, Params p) {
        if (!p.has("CALL_ID")) { // isset(): an empty CALL_ID is set, and then not found
            throw RestError.of("ERROR_CORE", "CALL_ID should be set");
        }
        String callId = p.textOrEmpty("CALL_ID");
        JsonNode messages = p.node("MESSAGES").orElse(null);
        if (messages == null || !messages.isContainerNode()) {
            throw RestError.of("ERROR_CORE", "MESSAGES should be an array");
        }
        ArrayNode stored = JsonNodeFactory.instance.arrayNode();
        // the server names a message by its key (foreach ($params['MESSAGES'] as $k => ...)): MESSAGES[3][SIDE] sent
        // alone is "MESSAGES[3]", not the first (audit 61a)
        java.util.List<String> keys = new java.util.ArrayList<>();
        messages.fieldNames().forEachRemaining(keys::add);
        int position = 0;
        for (JsonNode message : messages) {
            String index = messages.isObject() ? keys.get(position) : Integer.toString(position);
            position++;
            String side = Params.scalarText(message.get("SIDE")).orElse("");
            if (!side.equals("Client") && !side.equals("User")) {
                throw RestError.of("ERROR_CORE", "MESSAGES[" + index + "][SIDE] should be either Client or User");
            }
            long start = Params.phpInt(message.get("START_TIME"));
            long stop = Params.phpInt(message.get("STOP_TIME"));
            if (start < 0) { // an absent START_TIME is 0 to the server's (int) cast
                throw RestError.of("ERROR_CORE", "MESSAGES[" + index + "][START_TIME] should be greater or equal to zero");
            }
            if (stop <= 0) {
                throw RestError.of("ERROR_CORE", "MESSAGES[" + index + "][STOP_TIME] should be greater than zero");
            }
            String text = Params.scalarText(message.get("MESSAGE")).orElse("");
            if (text.isEmpty()) { // the server tests == '': a blank message is kept
                throw RestError.of("ERROR_CORE", "MESSAGES[" + index + "][MESSAGE] is empty");
            }
            stored.addObject().put("SIDE", side).put("START_TIME", start).put("STOP_TIME", stop).put("MESSAGE", text);
        }
        Double cost = p.has("COST") ? p.phpDouble("COST") : null;
        // COST_CURRENCY is "used only with COST"
        String currency = cost == null ? null : p.text("COST_CURRENCY").orElse(null);
        Transcript transcript = calls.attachTranscription(portal, callId, stored, cost, currency).orElseThrow(() ->
                RestError.of("ERROR_CORE", "Call " + callId + " is not found. Is it finished?"));
        return JsonNodeFactory.instance.objectNode().put("TRANSCRIPT_ID", transcript.id());
    }

}
