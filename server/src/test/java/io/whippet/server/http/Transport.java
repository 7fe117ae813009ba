package io.whippet.server.http;

import io.whippet.server.Server;
import org.apache.iggy.client.blocking.IggyBaseClient;
import org.apache.iggy.client.blocking.http.IggyHttpClient;
import org.apache.iggy.client.blocking.tcp.IggyTcpClient;

/** How a contract test reaches the server: the official SDK over TCP or over HTTP. */
enum Transport {
    TCP,
    HTTP;

    IggyBaseClient connect(Server server) {
        return switch (this) {
            case TCP ->
                IggyTcpClient.builder()
                        .host("127.0.0.1")
                        .port(TestServer.tcp(server).getPort())
                        .credentials("iggy", "iggy")
                        .buildAndLogin();
            case HTTP ->
                IggyHttpClient.builder()
                        .host("127.0.0.1")
                        .port(TestServer.http(server).getPort())
                        .credentials("iggy", "iggy")
                        .buildAndLogin();
        };
    }
}
