package org.opendialler.cli;

import org.opendialler.client.ContactNowClient;
import picocli.CommandLine.Option;

/** How a command reaches a server through the public API: base URL and API credentials. */
final class ClientOptions {

    @Option(names = "--url", required = true, defaultValue = "${env:OPENDIALLER_URL}",
            description = "Base URL of the API, such as http://localhost:8080/ (OPENDIALLER_URL).")
    String url;

    @Option(names = "--username", required = true,
            defaultValue = "${env:OPENDIALLER_USERNAME}",
            description = "API username (OPENDIALLER_USERNAME); the password comes from "
                    + "OPENDIALLER_PASSWORD.")
    String username;

    ContactNowClient client(java.util.function.Function<String, String> env) {
        String password = env.apply("OPENDIALLER_PASSWORD");
        if (password == null || password.isEmpty()) {
            throw new IllegalArgumentException("set OPENDIALLER_PASSWORD to the API password");
        }
        if (url == null || username == null) {
            throw new IllegalArgumentException("--url and --username are required");
        }
        return ContactNowClient.builder().baseUrl(url).credentials(username, password).build();
    }
}
