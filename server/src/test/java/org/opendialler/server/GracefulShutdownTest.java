package org.opendialler.server;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.opendialler.testing.Api;
import org.opendialler.testing.TestServer;

class GracefulShutdownTest {

    @Test
    void aRequestInFlightWhenTheServerStopsIsStillAnswered() throws Exception {
        TestServer server = TestServer.start();
        Api api = server.newCentre("Stopping");
        String form = "action=validate&token=" + api.token;
        byte[] body = form.getBytes(StandardCharsets.US_ASCII);

        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /token.php HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                    + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: "
                    + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body, 0, 10);
            out.flush();
            Thread.sleep(300);
            CompletableFuture<Void> stopping = CompletableFuture.runAsync(server::close);
            Thread.sleep(300);
            out.write(body, 10, body.length - 10);
            out.flush();
            String answer = new String(socket.getInputStream().readAllBytes(),
                    StandardCharsets.UTF_8);
            stopping.get();

            assertTrue(answer.startsWith("HTTP/1.1 200"), answer);
            assertTrue(answer.contains("{\"success\":true,\"expire\":"), answer);
        }
    }
}
