package io.whippet.server.http;

class StreamsOverHttpsTest extends StreamsContract {
    @Override
    Transport transport() {
        return Transport.HTTPS;
    }
}
