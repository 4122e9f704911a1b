package dev.herald.redis.testing;

import java.util.ArrayList;
import java.util.List;

/** {@code CLUSTER NODES} read into lines: who is who, who replicates whom, which slots each master owns. */
final class ClusterTopology {

    /** One node as a peer sees it; {@code slots} are inclusive ranges, {@code masterId} is null for a master. */
    record Line(String id, int port, boolean master, boolean failed, String masterId, List<int[]> slots) {
        boolean owns(int slot) {
            return slots.stream().anyMatch(range -> range[0] <= slot && slot <= range[1]);
        }
    }

    private ClusterTopology() {
    }

    /**
     * Parses {@code CLUSTER NODES}: {@code <id> <ip:port@cport> <flags> <master> <ping> <pong> <epoch> <link>
     * <slot> ...}; importing and migrating slots ({@code [...]}) are left out.
     */
    static List<Line> parse(String clusterNodes) {
        List<Line> lines = new ArrayList<>();
        for (String text : clusterNodes.split("\n")) {
            String[] fields = text.trim().split(" ");
            if (fields.length < 8) {
                continue;
            }
            String address = fields[1].split("@")[0];
            int port = Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
            String flags = fields[2];
            boolean failed = flags.contains("fail") && !flags.contains("fail?");
            boolean master = flags.contains("master") && !failed;
            List<int[]> slots = new ArrayList<>();
            for (int i = 8; i < fields.length; i++) {
                if (fields[i].startsWith("[")) {
                    continue;
                }
                String[] range = fields[i].split("-");
                int first = Integer.parseInt(range[0]);
                slots.add(new int[] {first, range.length > 1 ? Integer.parseInt(range[1]) : first});
            }
            lines.add(new Line(fields[0], port, master, failed, "-".equals(fields[3]) ? null : fields[3], slots));
        }
        return lines;
    }
}
