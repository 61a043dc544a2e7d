package dev.stracewb.cli;

import picocli.CommandLine;

/** {@code --version}: the app, the Java it runs on, and the strace it would use. */
public final class VersionProvider implements CommandLine.IVersionProvider {

    @Override
    public String[] getVersion() {
        String app = VersionProvider.class.getPackage().getImplementationVersion();
        return new String[] {
                "stracewb " + (app == null ? "dev" : app),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")",
                StraceVersion.describe()
        };
    }
}
