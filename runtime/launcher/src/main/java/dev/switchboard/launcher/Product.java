package dev.switchboard.launcher;

/** Name and version for the start-up log and {@code version}. */
final class Product {

    static final String NAME = "Switchboard";

    private Product() {
    }

    /** From the jar's manifest (Implementation-Version, the Maven project version); "dev" when run from classes. */
    static String version() {
        String version = Product.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }

    static String java() {
        return "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ", "
                + System.getProperty("java.home") + ") on " + System.getProperty("os.name") + " "
                + System.getProperty("os.arch");
    }
}
