package io.whippet.server.http;

class StreamsOverTcpTest extends StreamsContract {
    @Override
    Transport transport() {
        return Transport.TCP;
    }
}
