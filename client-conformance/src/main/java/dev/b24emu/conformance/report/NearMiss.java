package dev.b24emu.conformance.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.util.ArrayList;
import java.util.List;

/**
 * What was sent beside what would have kept the rule, line by line: the pretty-printed JSON of both, aligned by
 * their longest common subsequence so the lines that differ stand out.
 */
public final class NearMiss {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    /** One row: the actual line, the expected line, and whether they differ (either may be "" when absent). */
    public record Row(String actual, String expected, boolean differs) {
    }

    private NearMiss() {
    }

    public static List<Row> rows(JsonNode actual, JsonNode expected) {
        List<String> left = lines(actual);
        List<String> right = lines(expected);
        int[][] common = new int[left.size() + 1][right.size() + 1];
        for (int i = left.size() - 1; i >= 0; i--) {
            for (int j = right.size() - 1; j >= 0; j--) {
                common[i][j] = left.get(i).equals(right.get(j)) ? common[i + 1][j + 1] + 1
                        : Math.max(common[i + 1][j], common[i][j + 1]);
            }
        }
        List<Row> rows = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < left.size() || j < right.size()) {
            if (i < left.size() && j < right.size() && left.get(i).equals(right.get(j))) {
                rows.add(new Row(left.get(i++), right.get(j++), false));
            } else if (i < left.size() && j < right.size() && common[i + 1][j] == common[i][j + 1]) {
                rows.add(new Row(left.get(i++), right.get(j++), true));
            } else if (j >= right.size() || (i < left.size() && common[i + 1][j] >= common[i][j + 1])) {
                rows.add(new Row(left.get(i++), "", true));
            } else {
                rows.add(new Row("", right.get(j++), true));
            }
        }
        return rows;
    }

    private static List<String> lines(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return List.of("(nothing)");
        }
        try {
            return List.of(JSON.writeValueAsString(JSON.treeToValue(node, Object.class)).split("\n"));
        } catch (JsonProcessingException e) {
            return List.of(node.toString());
        }
    }
}
