package dev.b24emu.emulator.internal.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.b24emu.emulator.internal.transport.Params;
import dev.b24emu.emulator.internal.transport.RestError;

import java.util.Optional;

/**
 * The parameters of a controller action (crm.activity.todo.*, crm.activity.call.getTranscript) as Bitrix\Main\Engine
 * binds them to the action's arguments: by their exact names, cast to the argument's type, the first that cannot be
 * bound answering error 100 "Could not find value for parameter {name}" or "Invalid value … to match with parameter
 * {name}. Should be value of type int." (status 400). A JSON null is no value.
 */
public final class ActionParams {
    private static final String BINDING_ERROR = "100";
    private final Params params;

    public ActionParams(Params params) {
        this.params = params;
    }

    /** An int argument without a default. */
    public long requiredInt(String name) {
        return optionalInt(name).orElseThrow(() -> missing(name));
    }

    /** An int argument with a default: empty when not given. */
    public Optional<Long> optionalInt(String name) {
        return given(name).map(value -> Params.looseInteger(value).orElseThrow(() -> invalid(name, value, "int")));
    }

    /** A string argument without a default. */
    public String requiredString(String name) {
        return optionalString(name).orElseThrow(() -> missing(name));
    }

    /** A string argument with a default: empty when not given; an array or object is no string. */
    public Optional<String> optionalString(String name) {
        return given(name).map(value -> Params.scalarText(value).orElseThrow(() -> invalid(name, value, "string")));
    }

    /** An array argument without a default. */
    public JsonNode requiredArray(String name) {
        return optionalArray(name).orElseThrow(() -> missing(name));
    }

    /** An array argument: its values, empty when not given; a scalar is no array. */
    public Optional<JsonNode> optionalArray(String name) {
        return given(name).map(value -> {
            if (!value.isContainerNode()) {
                throw invalid(name, value, "array");
            }
            return value;
        });
    }

    private Optional<JsonNode> given(String name) {
        JsonNode value = params.tree().get(name);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(value);
    }

    private static RestError missing(String name) {
        return new RestError(400, BINDING_ERROR, "Could not find value for parameter {" + name + "}");
    }

    private static RestError invalid(String name, JsonNode value, String type) {
        return new RestError(400, BINDING_ERROR, "Invalid value " + Params.scalarText(value).orElse(value.toString())
                + " to match with parameter {" + name + "}. Should be value of type " + type + ".");
    }
}
