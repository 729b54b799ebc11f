package io.wsproxy.proxy;

import java.io.IOException;
import java.nio.file.Path;

/** The engine's side of each proxy generation: {@code proxy-<generation>.sock}, opened and closed by the engine. */
public interface EngineSockets {

    Path open(long generation) throws IOException;

    void close(long generation);
}
