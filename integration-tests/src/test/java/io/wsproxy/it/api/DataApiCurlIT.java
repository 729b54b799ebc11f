package io.wsproxy.it.api;

import java.nio.file.Path;

/** The Data API through curl. */
class DataApiCurlIT extends DataApiSuite {
    @Override
    HttpClients.Client client(Path scratch) {
        return HttpClients.curl(scratch);
    }
}
