package io.wsproxy.it.api;

import java.nio.file.Path;

/** The Data API through the JDK's HttpClient. */
class DataApiJdkIT extends DataApiSuite {
    @Override
    HttpClients.Client client(Path scratch) {
        return HttpClients.jdk();
    }
}
