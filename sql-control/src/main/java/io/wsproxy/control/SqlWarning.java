package io.wsproxy.control;

/** One row of SHOW WARNINGS. */
public record SqlWarning(Level level, int code, String message) {
    public enum Level {
        NOTE("Note"), WARNING("Warning"), ERROR("Error");

        private final String label;

        Level(String label) {
            this.label = label;
        }

        /** As MySQL prints it in the Level column. */
        public String label() {
            return label;
        }
    }
}
